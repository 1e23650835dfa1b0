/**
 * Response bodies written as JSON text by the handler rather than serialised by whoever sends them: a
 * search splices each hit's stored `_source` text in (`RawJson`), which would otherwise be parsed and
 * serialised again, about a third of a small search's time.
 */
import type { RestResponse } from './router';

/** What `RawJson.toJSON` gives while `jsonText` runs: a marker, the texts collected in order. */
let collecting: string[] | undefined;
/** Stands for a raw text in `jsonText`'s first pass; a string that happens to equal it is noticed there. */
const MARKER = '\u0000raw JSON\u0000';
const QUOTED_MARKER = JSON.stringify(MARKER);

/**
 * JSON text to place as it is inside a body written with `jsonText`: a stored `_source`, which
 * Elasticsearch returns as it was sent (key order, number spellings and all), without parsing it and
 * serialising it again. Anything else that serialises it (`JSON.stringify`) gets the parsed value.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    if (!collecting) return JSON.parse(this.text) as unknown;
    collecting.push(this.text);
    return MARKER;
  }
}

/**
 * JSON.stringify for response bodies that may hold `RawJson` values. One `JSON.stringify` with markers for
 * them, then the texts put in their places: writing each hit by hand took about twice as long.
 */
export function jsonText(value: unknown): string {
  const texts: string[] = [];
  collecting = texts;
  let marked: string;
  try { marked = JSON.stringify(value) ?? 'null'; } finally { collecting = undefined; }
  if (texts.length === 0) return marked;
  const parts = marked.split(QUOTED_MARKER);
  // more parts than texts: a string of the body equals the marker, so the places are not known
  if (parts.length !== texts.length + 1) return JSON.stringify(value);
  let out = parts[0];
  for (let i = 0; i < texts.length; i++) out += texts[i] + parts[i + 1];
  return out;
}

/** A response whose body is JSON text (`RestResponse.text`), parsed into `body` only if someone reads it. */
class TextResponse implements RestResponse {
  private parsed: { value: unknown } | undefined;
  constructor(readonly status: number, readonly text: string, readonly headers?: Record<string, string>) {}
  get body(): unknown { return (this.parsed ??= { value: JSON.parse(this.text) as unknown }).value; }
}

/** 200 with a body that may hold `RawJson` values, written as JSON text (see `RestResponse.text`). */
export const okText = (body: unknown): RestResponse => new TextResponse(200, jsonText(body));

/** A response with a body that may hold `RawJson` values, written as JSON text, and headers. */
export const textResponse = (status: number, body: unknown, headers?: Record<string, string>): RestResponse =>
  new TextResponse(status, jsonText(body), headers);
