/**
 * How `POST /_query` writes its answer, from the request as Elasticsearch reads it: the `format` URL
 * parameter, else the `Accept` header; csv's `delimiter` and `header`; and `drop_null_columns`. JSON is
 * the default; the text formats are in esql/text-formats.ts. Elasticsearch's binary and YAML formats
 * (`cbor`, `smile`, `yaml`) are refused with a message that names them.
 */
import { illegalArgument } from '../../errors';
import { TEXT_FORMATS, type TextFormat } from '../../esql/text-formats';
import { boolParam } from '../params';
import type { RestRequest } from '../router';

export interface AnswerFormat {
  format: 'json' | TextFormat;
  /** csv: the field delimiter. */
  delimiter?: string;
  /** csv: whether the first line names the columns. */
  header: boolean;
  /** Leave out the columns whose every value is null (`drop_null_columns`). */
  dropNullColumns: boolean;
}

/** Media types of the `Accept` header that ask for a text format, vendor forms included. */
const ACCEPTED: Record<string, TextFormat> = {
  'text/plain': 'txt',
  'text/vnd.elasticsearch+plain': 'txt',
  'text/csv': 'csv',
  'text/vnd.elasticsearch+csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'text/vnd.elasticsearch+tab-separated-values': 'tsv',
};

const UNSUPPORTED = new Set(['yaml', 'cbor', 'smile']);

const isText = (format: string): format is TextFormat => (TEXT_FORMATS as readonly string[]).includes(format);

/** The answer's format, or a 400 (`illegal_argument_exception`) as Elasticsearch gives for a bad one. */
export function answerFormat(req: RestRequest, columnar: boolean): AnswerFormat {
  const accept = req.headers.accept;
  // only the first media type of the header is read, as its parameters (csv's `header`) belong to it
  const [acceptType, ...acceptParams] = (accept ?? '').split(',')[0].split(';').map((p) => p.trim().toLowerCase());
  let format: AnswerFormat['format'];
  const param = req.query.format;
  if (param !== undefined) {
    if (UNSUPPORTED.has(param)) throw illegalArgument(`format [${param}] is not supported by this engine: use json, txt, csv or tsv`);
    if (param !== 'json' && !isText(param)) {
      throw illegalArgument(`Invalid request content type: Accept=[${accept ?? 'null'}], Content-Type=[${req.headers['content-type'] ?? 'null'}], format=[${param}]`);
    }
    format = param;
  } else {
    format = ACCEPTED[acceptType] ?? 'json';
  }
  if (columnar && format !== 'json') {
    throw illegalArgument(`Invalid use of [columnar] argument: cannot be used in combination with [${TEXT_FORMATS.join(', ')}] formats`);
  }
  const headerParam = req.query.header ?? acceptParams.find((p) => p.startsWith('header='))?.slice('header='.length);
  return {
    format,
    delimiter: format === 'csv' ? csvDelimiter(req.query.delimiter) : undefined,
    header: headerParam?.toLowerCase() !== 'absent',
    dropNullColumns: boolParam(req.query, 'drop_null_columns') ?? false,
  };
}

/** csv's `delimiter` parameter: one character, not one csv reserves, not a tab (that is tsv). */
function csvDelimiter(value: string | undefined): string {
  if (value === undefined) return ',';
  if (value.length !== 1) throw illegalArgument(`invalid ${value.length > 0 ? 'multi-character' : 'empty'} delimiter [${value}]`);
  if (value === '"' || value === '\n' || value === '\r') throw illegalArgument(`illegal reserved character specified as delimiter [${value}]`);
  if (value === '\t') throw illegalArgument('illegal delimiter [TAB] specified as delimiter for the [csv] format; choose the [tsv] format instead');
  return value;
}
