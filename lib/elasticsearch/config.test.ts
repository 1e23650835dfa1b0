import { describe, expect, it } from 'vitest';
import { storeConfigFromEnv } from './config';

describe('storeConfigFromEnv', () => {
  it.each([
    [{}, {}, { dataDir: './.escript' }],
    [{ ESCRIPT_DATA_DIR: '/data' }, {}, { dataDir: '/data' }],
    [{ ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_API_KEY: 'k' }, {}, { dataDir: './.escript', url: 'http://es:9200', apiKey: 'k' }],
    [{ ELASTICSEARCH_USERNAME: 'u', ELASTICSEARCH_PASSWORD: 'p' }, {}, { dataDir: './.escript', username: 'u', password: 'p' }],
    [{ ESCRIPT_DATA_DIR: '/data', ELASTICSEARCH_URL: '' }, { dataDir: '/other', url: undefined }, { dataDir: '/other' }],
    [{ ELASTICSEARCH_CA_CERT: '/etc/es/ca.pem' }, {}, { dataDir: './.escript', caCert: '/etc/es/ca.pem' }],
    [{ ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED: 'false' }, {}, { dataDir: './.escript', tlsRejectUnauthorized: false }],
    [{ ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED: ' FALSE ' }, {}, { dataDir: './.escript', tlsRejectUnauthorized: false }],
    [{ ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED: '0' }, {}, { dataDir: './.escript', tlsRejectUnauthorized: false }],
    // Anything but an explicit false keeps certificate checks on: a typo never weakens TLS.
    [{ ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED: 'flase' }, {}, { dataDir: './.escript' }],
    [{ ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED: 'true' }, {}, { dataDir: './.escript' }],
  ])('env %j with overrides %j', (env, overrides, expected) => expect(storeConfigFromEnv(env as NodeJS.ProcessEnv, overrides)).toEqual(expected));
});
