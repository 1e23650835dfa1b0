/**
 * The REST APIs the YAML conformance tests call, by their rest-api-spec names: method and path templates
 * (`{index}` parts). The first path whose parts are all given wins, so list the most specific first.
 */
export const API_TABLE: Record<string, { method: string; paths: string[]; bodyMethod?: string }> = {
  info: { method: 'GET', paths: ['/'] },
  index: { method: 'PUT', paths: ['/{index}/_doc/{id}', '/{index}/_doc'], bodyMethod: 'POST' },
  create: { method: 'PUT', paths: ['/{index}/_create/{id}'] },
  get: { method: 'GET', paths: ['/{index}/_doc/{id}'] },
  exists: { method: 'HEAD', paths: ['/{index}/_doc/{id}'] },
  get_source: { method: 'GET', paths: ['/{index}/_source/{id}'] },
  delete: { method: 'DELETE', paths: ['/{index}/_doc/{id}'] },
  update: { method: 'POST', paths: ['/{index}/_update/{id}'] },
  bulk: { method: 'POST', paths: ['/{index}/_bulk', '/_bulk'] },
  count: { method: 'POST', paths: ['/{index}/_count', '/_count'] },
  search: { method: 'POST', paths: ['/{index}/_search', '/_search'] },
  delete_by_query: { method: 'POST', paths: ['/{index}/_delete_by_query'] },
  'indices.create': { method: 'PUT', paths: ['/{index}'] },
  'indices.get': { method: 'GET', paths: ['/{index}'] },
  'indices.exists': { method: 'HEAD', paths: ['/{index}'] },
  'indices.delete': { method: 'DELETE', paths: ['/{index}'] },
  'indices.refresh': { method: 'POST', paths: ['/{index}/_refresh', '/_refresh'] },
  'indices.get_mapping': { method: 'GET', paths: ['/{index}/_mapping', '/_mapping'] },
  'indices.put_mapping': { method: 'PUT', paths: ['/{index}/_mapping'] },
  'indices.get_settings': { method: 'GET', paths: ['/{index}/_settings'] },
  'indices.put_index_template': { method: 'PUT', paths: ['/_index_template/{name}'] },
  'indices.get_index_template': { method: 'GET', paths: ['/_index_template/{name}', '/_index_template'] },
  'indices.exists_index_template': { method: 'HEAD', paths: ['/_index_template/{name}'] },
  'indices.delete_index_template': { method: 'DELETE', paths: ['/_index_template/{name}'] },
  'cat.indices': { method: 'GET', paths: ['/_cat/indices/{index}', '/_cat/indices'] },
  'esql.query': { method: 'POST', paths: ['/_query'] },
};
