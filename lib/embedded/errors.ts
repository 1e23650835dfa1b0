/**
 * An Elasticsearch-shaped failure. Engine code throws it; the router turns it into the response
 * `{error: {root_cause: [...], type, reason, ...extra}, status}` so nothing ever throws at the client.
 */
export class EsError extends Error {
  constructor(readonly status: number, readonly type: string, readonly reason: string,
    readonly extra: Record<string, unknown> = {}) {
    super(reason);
  }

  /** The response body Elasticsearch sends for this error. */
  toBody(): { error: Record<string, unknown>; status: number } {
    const cause = { type: this.type, reason: this.reason, ...this.extra };
    return { error: { root_cause: [cause], ...cause }, status: this.status };
  }
}

/** 404 `index_not_found_exception`, `no such index [name]`. */
export const indexNotFound = (index: string) =>
  new EsError(404, 'index_not_found_exception', `no such index [${index}]`,
    { 'resource.type': 'index_or_alias', 'resource.id': index, index_uuid: '_na_', index });

/** 400 `illegal_argument_exception`. */
export const illegalArgument = (reason: string) => new EsError(400, 'illegal_argument_exception', reason);

/** 400 `parsing_exception` (malformed request body or query). */
export const parsingError = (reason: string) => new EsError(400, 'parsing_exception', reason);

/** 409 `version_conflict_engine_exception` for `[id]: <reason>`. */
export const versionConflict = (index: string, id: string, reason: string) =>
  new EsError(409, 'version_conflict_engine_exception', `[${id}]: version conflict, ${reason}`,
    { index_uuid: '_na_', shard: '0', index });
