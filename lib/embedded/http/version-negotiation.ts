/**
 * es-serve's 8.x mode (`escript es-serve --es-version 8`): the door answers REST API version negotiation
 * as an Elasticsearch 8.x node does, so cluster mode's handling of 8.x clusters can be tested end to end
 * without one. Only the negotiation changes: `GET /` reports an 8.x version, and the `compatible-with`
 * parameters of Accept and Content-Type are checked with Elasticsearch's rules (a node of major N serves
 * N and N-1), so the 9.x client's default `compatible-with=9` is refused with 400
 * `media_type_header_exception` on every request with a body, exactly as 8.x refuses it. The engine
 * behind it is the same.
 */
import type { RestResponse } from '../rest/router';

/** The Elasticsearch majors the door can answer as; 9 is the engine's own. */
export const ES_VERSIONS = [8, 9] as const;
export type EsVersion = (typeof ES_VERSIONS)[number];

/** What `GET /` reports in 8.x mode: the last 8.x minor with its Lucene and compatibility versions. */
const VERSION_8 = {
  number: '8.19.0', lucene_version: '9.12.2',
  minimum_wire_compatibility_version: '7.17.0', minimum_index_compatibility_version: '7.0.0',
} as const;

/**
 * A header's media type as Elasticsearch parses it for version negotiation: absent, empty, `*\/*` and media
 * ranges (any value with a comma, such as the client's `…; compatible-with=9,text/plain`) count as no media
 * type at all; otherwise the raw value (printed in messages) and its `compatible-with` major, if any.
 */
function parsedMediaType(value: string | undefined): { raw: string; version: number | undefined } | undefined {
  if (value === undefined || value.trim() === '' || value.includes(',') || value === '*/*') return undefined;
  const parameters = value.toLowerCase().split(/[\s\t]*;/).slice(1);
  for (const parameter of parameters) {
    const [name, version] = parameter.trim().split('=');
    if (name === 'compatible-with' && version !== undefined && /^\d+$/.test(version.trim())) {
      return { raw: value, version: Number(version.trim()) };
    }
  }
  return { raw: value, version: undefined };
}

/** The reason Elasticsearch gives for refusing the pair of versions, or undefined when they are acceptable. */
function negotiationFailure(major: number, accept: ReturnType<typeof parsedMediaType>,
  contentType: ReturnType<typeof parsedMediaType>, hasContent: boolean): string | undefined {
  const shown = (m: ReturnType<typeof parsedMediaType>) => m?.raw ?? 'null';
  const acceptVersion = accept?.version ?? major;
  const contentVersion = contentType?.version ?? major;
  const outside = (v: number) => v > major || v < major - 1;
  if (outside(acceptVersion)) {
    return `Accept version must be either version ${major} or ${major - 1}, but found ${acceptVersion}. Accept=${shown(accept)}`;
  }
  if (!hasContent) return undefined;
  if (outside(contentVersion)) {
    return `Content-Type version must be either version ${major} or ${major - 1}, but found ${contentVersion}. Content-Type=${shown(contentType)}`;
  }
  const both = 'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version';
  if (contentVersion !== acceptVersion) {
    return `${both} and the compatible versions must match. Accept=${shown(accept)}, Content-Type=${shown(contentType)}`;
  }
  if ((accept?.version === undefined) !== (contentType?.version === undefined)) {
    return `${both}. Accept=${shown(accept)}, Content-Type=${shown(contentType)}`;
  }
  return undefined;
}

/**
 * The 400 a node of `major` answers when the request's Accept/Content-Type versions are not acceptable,
 * or undefined. `headers` have lower-case names; `hasContent` is whether the request has a body.
 */
export function versionRejection(major: number, headers: Record<string, string>, hasContent: boolean): RestResponse | undefined {
  const reason = negotiationFailure(major, parsedMediaType(headers.accept), parsedMediaType(headers['content-type']), hasContent);
  if (reason === undefined) return undefined;
  const cause = { type: 'media_type_header_exception', reason: 'Invalid media-type value on headers [Accept, Content-Type]' };
  return {
    status: 400,
    // Elasticsearch answers without the refused headers, so the error comes back as plain JSON.
    headers: { 'content-type': 'application/json' },
    body: { error: { root_cause: [cause], ...cause, caused_by: { type: 'status_exception', reason } }, status: 400 },
  };
}

/** `GET /`'s answer with the version block of an 8.x node (other responses unchanged). */
export function reportVersion8(response: RestResponse): RestResponse {
  const body = response.body as { version?: Record<string, unknown> } | undefined;
  if (response.status !== 200 || typeof body !== 'object' || body === null || !body.version) return response;
  // a new body: any text the handler wrote (RestResponse.text) is left behind
  return { status: response.status, headers: response.headers, body: { ...body, version: { ...body.version, ...VERSION_8 } } };
}
