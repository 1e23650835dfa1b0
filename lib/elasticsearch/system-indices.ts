import type { Client } from '@elastic/elasticsearch';

/** The system indices of LANGUAGE.md §14. */
export const SYSTEM_INDICES = { executions: '.escript_executions', procedures: '.escript_procedures' } as const;

const SYSTEM_SETTINGS = { 'index.hidden': true, number_of_shards: 1, auto_expand_replicas: '0-1' };
const META = { owner: 'elastic-script', schema: 1 };
const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

/** The two index templates of §14.4, exactly as specified. */
export const SYSTEM_TEMPLATES = {
  'escript-executions': {
    index_patterns: [SYSTEM_INDICES.executions], priority: 500, _meta: META,
    template: {
      settings: SYSTEM_SETTINGS,
      mappings: {
        dynamic: false as const,
        properties: {
          execution_id: keyword, kind: keyword, track_name: keyword, procedure_name: keyword, status: keyword,
          parent_id: keyword, root_id: keyword, retry_of: keyword, node: keyword,
          error: { properties: { type: keyword, code: keyword, message: { type: 'text' as const } } },
          '@timestamp': date, created_at: date, started_at: date, completed_at: date, heartbeat_at: date,
          duration_ms: { type: 'long' as const }, cancel_requested: { type: 'boolean' as const }, pipeline_done: { type: 'boolean' as const },
        },
      },
    },
  },
  'escript-procedures': {
    index_patterns: [SYSTEM_INDICES.procedures], priority: 500, _meta: META,
    template: {
      settings: SYSTEM_SETTINGS,
      mappings: {
        dynamic: false as const,
        properties: {
          name: keyword, kind: keyword, source: { type: 'text' as const },
          parameters: { properties: { name: keyword, type: keyword } },
          returns: keyword, created_at: date, updated_at: date,
        },
      },
    },
  },
};

/**
 * Installs the two index templates of §14.4 with idempotent PUTs, then creates `.escript_procedures` and
 * `.escript_executions` if missing (a concurrent creation by another process is not an error).
 */
export async function ensureSystemIndices(client: Client): Promise<void> {
  for (const [name, body] of Object.entries(SYSTEM_TEMPLATES)) {
    await client.indices.putIndexTemplate({ name, ...body });
  }
  for (const index of [SYSTEM_INDICES.procedures, SYSTEM_INDICES.executions]) {
    if (await client.indices.exists({ index, expand_wildcards: 'all' })) continue;
    try {
      await client.indices.create({ index });
    } catch (e) {
      const type = (e as { body?: { error?: { type?: string } } }).body?.error?.type;
      if (type !== 'resource_already_exists_exception') throw e;
    }
  }
}
