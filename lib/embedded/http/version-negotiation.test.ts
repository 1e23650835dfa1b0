import { describe, expect, it } from 'vitest';
import { reportVersion8, versionRejection } from './version-negotiation';

const V9 = 'application/vnd.elasticsearch+json; compatible-with=9';
const V8 = 'application/vnd.elasticsearch+json; compatible-with=8';
const V7 = 'application/vnd.elasticsearch+json;compatible-with=7';
const BOTH = 'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version';

/** The `caused_by.reason` of the 400 an 8.x node answers, or null when it accepts the request. */
const reasonOf8 = (headers: Record<string, string>, hasContent: boolean) => {
  const refused = versionRejection(8, headers, hasContent);
  return refused ? (refused.body as { error: { caused_by: { reason: string } } }).error.caused_by.reason : null;
};

describe('version negotiation of an 8.x node (the rules of Elasticsearch’s RestCompatibleVersionHelper)', () => {
  it.each([
    // No versions at all, or plain JSON: accepted.
    [{}, false, null],
    [{ accept: 'application/json', 'content-type': 'application/json' }, true, null],
    // 8 and 7 are served, on both headers, when they match.
    [{ accept: V8, 'content-type': V8 }, true, null],
    [{ accept: V7, 'content-type': V7 }, true, null],
    // The 9.x client without a body: its Accept is a media range (`…,text/plain`), which counts as no Accept.
    [{ accept: `${V9},text/plain`, 'content-type': V9 }, false, null],
    // ... with a body, Accept is the plain vendor type and is refused.
    [{ accept: V9, 'content-type': V9 }, true, `Accept version must be either version 8 or 7, but found 9. Accept=${V9}`],
    [{ accept: 'application/json', 'content-type': V9 }, true, 'Content-Type version must be either version 8 or 7, but found 9. Content-Type=' + V9],
    [{ accept: V8, 'content-type': V7 }, true, `${BOTH} and the compatible versions must match. Accept=${V8}, Content-Type=${V7}`],
    [{ accept: V8, 'content-type': 'application/json' }, true, `${BOTH}. Accept=${V8}, Content-Type=application/json`],
    [{ accept: V8 }, true, `${BOTH}. Accept=${V8}, Content-Type=null`],
    // Without a body the Content-Type is not looked at.
    [{ accept: V8, 'content-type': V7 }, false, null],
    [{ accept: 'application/vnd.elasticsearch+json; compatible-with=6' }, false, 'Accept version must be either version 8 or 7, but found 6. Accept=application/vnd.elasticsearch+json; compatible-with=6'],
  ])('%j with a body: %s → %s', (headers, hasContent, reason) => expect(reasonOf8(headers, hasContent)).toBe(reason));

  it('answers 400 media_type_header_exception as plain JSON, the refused headers being dropped', () => {
    expect(versionRejection(8, { accept: V9, 'content-type': V9 }, true)).toEqual({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: {
        error: {
          root_cause: [{ type: 'media_type_header_exception', reason: 'Invalid media-type value on headers [Accept, Content-Type]' }],
          type: 'media_type_header_exception',
          reason: 'Invalid media-type value on headers [Accept, Content-Type]',
          caused_by: { type: 'status_exception', reason: `Accept version must be either version 8 or 7, but found 9. Accept=${V9}` },
        },
        status: 400,
      },
    });
  });
});

describe('GET / of an 8.x node', () => {
  it('reports the 8.x version block and keeps the rest', () => {
    const info = { status: 200, body: { name: 'n', version: { number: '9.1.0', build_flavor: 'default', lucene_version: '10.2.2' }, tagline: 'You Know, for Search' } };
    expect(reportVersion8(info).body).toEqual({
      name: 'n', tagline: 'You Know, for Search',
      version: { number: '8.19.0', build_flavor: 'default', lucene_version: '9.12.2', minimum_wire_compatibility_version: '7.17.0', minimum_index_compatibility_version: '7.0.0' },
    });
  });

  it('leaves errors and bodiless answers alone', () => {
    const missing = { status: 404, body: { error: 'x' } };
    expect(reportVersion8(missing)).toBe(missing);
    const head = { status: 200 };
    expect(reportVersion8(head)).toBe(head);
  });
});
