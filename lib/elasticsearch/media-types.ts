/**
 * The media types the client sends. The 9.x client always asks for `compatible-with=9`, which an 8.x
 * cluster refuses on every request with a body (400 `media_type_header_exception`); the transport's
 * `vendoredHeaders` option is where the client sets them, so a Transport subclass swaps them.
 */
import { SniffingTransport, type Client } from '@elastic/elasticsearch';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

/** The three media types of `vendoredHeaders`: JSON bodies, NDJSON bodies, and Accept. */
export interface MediaTypes {
  jsonContentType: string;
  ndjsonContentType: string;
  accept: string;
}

/** Plain JSON without a compatibility version: what every Elasticsearch version answers (the version probe). */
export const PLAIN_MEDIA_TYPES: MediaTypes = {
  jsonContentType: 'application/json',
  ndjsonContentType: 'application/x-ndjson',
  accept: 'application/json, text/plain',
};

/** The vendor media types asking for the REST API of major version `major`. */
export const compatibleMediaTypes = (major: number): MediaTypes => ({
  jsonContentType: `application/vnd.elasticsearch+json; compatible-with=${major}`,
  ndjsonContentType: `application/vnd.elasticsearch+x-ndjson; compatible-with=${major}`,
  accept: `application/vnd.elasticsearch+json; compatible-with=${major},text/plain`,
});

/** The client's default transport (SniffingTransport), sending `mediaTypes` instead of the built-in ones. */
export function transportWithMediaTypes(mediaTypes: MediaTypes): NonNullable<ClientOptions['Transport']> {
  return class MediaTypeTransport extends SniffingTransport {
    constructor(opts: ConstructorParameters<typeof SniffingTransport>[0]) {
      super({ ...opts, vendoredHeaders: mediaTypes });
    }
  };
}
