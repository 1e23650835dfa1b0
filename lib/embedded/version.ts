/**
 * The Elasticsearch version the embedded engine answers as, with its build facts: `GET /` reports them,
 * ES|QL's `SHOW INFO` lists them, and warning headers carry the version.
 */
export const ENGINE_VERSION = '9.1.0';
export const ENGINE_BUILD_DATE = '2025-01-01T00:00:00.000Z';
export const ENGINE_BUILD_HASH = 'embedded';
