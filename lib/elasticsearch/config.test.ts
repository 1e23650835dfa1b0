import { describe, expect, it } from 'vitest';
import { storeConfigFromEnv } from './config';

describe('storeConfigFromEnv', () => {
  it.each([
    [{}, {}, { dataDir: './.escript' }],
    [{ ESCRIPT_DATA_DIR: '/data' }, {}, { dataDir: '/data' }],
    [{ ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_API_KEY: 'k' }, {}, { dataDir: './.escript', url: 'http://es:9200', apiKey: 'k' }],
    [{ ELASTICSEARCH_USERNAME: 'u', ELASTICSEARCH_PASSWORD: 'p' }, {}, { dataDir: './.escript', username: 'u', password: 'p' }],
    [{ ESCRIPT_DATA_DIR: '/data', ELASTICSEARCH_URL: '' }, { dataDir: '/other', url: undefined }, { dataDir: '/other' }],
  ])('env %j with overrides %j', (env, overrides, expected) => expect(storeConfigFromEnv(env as NodeJS.ProcessEnv, overrides)).toEqual(expected));
});
