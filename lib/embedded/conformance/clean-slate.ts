/**
 * Resetting the store between conformance cases, as Elasticsearch's YAML runner does after each section,
 * but only for what the runner itself created: indices and index templates that were not there when the
 * run began are deleted, anything older is left alone (it may be a real cluster's data).
 */
import type { Client } from '@elastic/elasticsearch';

/** What existed when the run began. */
export interface Baseline {
  indices: Set<string>;
  templates: Set<string>;
}

async function indexNames(client: Client): Promise<string[]> {
  const rows = await client.transport.request<{ index: string }[]>({
    method: 'GET', path: '/_cat/indices', querystring: { format: 'json', h: 'index', expand_wildcards: 'all' },
  });
  return rows.map((r) => r.index);
}

async function templateNames(client: Client): Promise<string[]> {
  const body = await client.transport.request<{ index_templates?: { name: string }[] }>({ method: 'GET', path: '/_index_template' });
  return (body.index_templates ?? []).map((t) => t.name);
}

/** Records the indices and index templates present now. */
export async function captureBaseline(client: Client): Promise<Baseline> {
  return { indices: new Set(await indexNames(client)), templates: new Set(await templateNames(client)) };
}

/**
 * Deletes every index and index template that is not in `baseline` (templates first, so no template
 * recreates an index). Failures (already gone, a system index a cluster refuses to drop) are ignored:
 * cleanup must not turn one failed case into many.
 */
export async function restoreBaseline(client: Client, baseline: Baseline): Promise<void> {
  for (const name of await templateNames(client)) {
    if (!baseline.templates.has(name)) await client.transport.request({ method: 'DELETE', path: `/_index_template/${encodeURIComponent(name)}` }, { ignore: [404, 400] }).catch(() => undefined);
  }
  for (const name of await indexNames(client)) {
    if (!baseline.indices.has(name)) await client.transport.request({ method: 'DELETE', path: `/${encodeURIComponent(name)}` }, { ignore: [404, 400] }).catch(() => undefined);
  }
}
