/**
 * `escript`, the command-line front door (README "CLI"). It calls the same service layer as the IDE.
 *
 *   escript run [--json] [--no-wait] [--data DIR] FILE...
 *   escript query [--json | --format txt|csv|tsv] [--data DIR] "ES|QL query"
 *   escript es-serve [--port 9200] [--data DIR] [--es-version 8|9]
 *
 * Exit status: 0 success; 1 a runtime error stopped a script (or a query failed, the cluster could not be
 * reached, or es-serve could not listen); 2 syntax errors or bad usage (nothing ran).
 */
import { readFileSync } from 'node:fs';
import { parseEscript } from '../lib/runtime/parse';
import { ClusterConnectError, storeConfigFromEnv } from '../lib/elasticsearch';
import { ES_VERSIONS, SERVE_DEFAULTS, serveEngine, type EsVersion } from '../lib/embedded/http';
import { jsonToValue, renderValue, type Json } from '../lib/runtime';
import {
  closeService, configureService, runQuery, runQueryAsText, runScript, waitForBackground, waitForRun, type QueryTextFormat, type RunEvent,
} from '../lib/service';
import { textTable } from './text-table';

const USAGE = `usage:
  escript run [--json] [--no-wait] [--data DIR] FILE...
  escript query [--json | --format txt|csv|tsv] [--data DIR] "ES|QL query"
  escript es-serve [--port 9200] [--data DIR] [--es-version 8|9]

Data directory: --data DIR, else $ESCRIPT_DATA_DIR, else ./.escript (embedded store).
With $ELASTICSEARCH_URL set, scripts run against that cluster instead.
es-serve serves the embedded store over HTTP on 127.0.0.1 (--port 0 picks a free port) until
interrupted (Ctrl+C or SIGTERM). --es-version 8 makes it answer version negotiation as an
Elasticsearch 8.x node (GET / reports 8.19.0, compatible-with=9 is refused with 400), to test clients.`;

const COMMANDS = ['run', 'query', 'es-serve'] as const;
type Command = (typeof COMMANDS)[number];
const isCommand = (word: string | undefined): word is Command => (COMMANDS as readonly string[]).includes(word ?? '');

interface Options {
  command: Command;
  json: boolean;
  /** query's --format: the store's text answer, printed as it is. */
  format: QueryTextFormat | undefined;
  /** es-serve's port; undefined means its default. */
  port: number | undefined;
  /** es-serve's --es-version; undefined means its default. */
  esVersion: EsVersion | undefined;
  wait: boolean;
  dataDir: string | undefined;
  operands: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!isCommand(command)) throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const options: Options = { command, json: false, format: undefined, port: undefined, esVersion: undefined, wait: true, dataDir: undefined, operands: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json' && command !== 'es-serve') options.json = true;
    else if (arg === '--port' && command === 'es-serve') options.port = parsePort(rest[++i]);
    else if (arg.startsWith('--port=') && command === 'es-serve') options.port = parsePort(arg.slice('--port='.length));
    else if (arg === '--es-version' && command === 'es-serve') options.esVersion = parseEsVersion(rest[++i]);
    else if (arg.startsWith('--es-version=') && command === 'es-serve') options.esVersion = parseEsVersion(arg.slice('--es-version='.length));
    else if (arg === '--no-wait' && command === 'run') options.wait = false;
    else if (arg === '--format' && command === 'query') options.format = parseFormat(rest[++i]);
    else if (arg.startsWith('--format=') && command === 'query') options.format = parseFormat(arg.slice('--format='.length));
    else if (arg === '--data') {
      const dir = rest[++i];
      if (!dir) throw new UsageError('--data needs a directory');
      options.dataDir = dir;
    } else if (arg.startsWith('--data=')) options.dataDir = arg.slice('--data='.length);
    else if (arg === '--') options.operands.push(...rest.slice(i + 1)), (i = rest.length);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else options.operands.push(arg);
  }
  if (command === 'es-serve') {
    if (options.operands.length > 0) throw new UsageError(`es-serve takes no operands (got '${options.operands[0]}')`);
    return options;
  }
  if (options.operands.length === 0) throw new UsageError(command === 'run' ? 'no FILE given' : 'no query given');
  if (command === 'query' && options.operands.length > 1) throw new UsageError('give the query as one argument (quote it)');
  if (options.json && options.format) throw new UsageError('--json and --format cannot go together');
  return options;
}

function parsePort(text: string | undefined): number {
  const port = Number(text);
  if (text === undefined || text === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port needs a port number from 0 to 65535${text === undefined ? '' : ` (got '${text}')`}`);
  }
  return port;
}

function parseEsVersion(text: string | undefined): EsVersion {
  const version = ES_VERSIONS.find((v) => String(v) === text);
  if (version === undefined) throw new UsageError(`--es-version needs ${ES_VERSIONS.join(' or ')}${text === undefined ? '' : ` (got '${text}')`}`);
  return version;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Renders a result value for plain output: query results as a table, everything else `=> value`. */
function renderResult(value: unknown, isQuery: boolean): string {
  if (isQuery && Array.isArray(value)) {
    if (value.length === 0) return '(no rows)';
    const columns = Object.keys(value[0] as object);
    const rows = value.map((row) => columns.map((c) => renderValue(jsonToValue((row as Record<string, Json>)[c] ?? null))));
    return textTable(columns, rows);
  }
  return `=> ${renderValue(jsonToValue(value as Json))}`;
}

async function run(options: Options): Promise<number> {
  const files = options.operands.map((file) => {
    try {
      return { file, source: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
  });
  const parsed = files.map((f) => ({ ...f, script: parseEscript(f.source) }));
  const withSyntaxErrors = parsed.filter((f) => f.script.diagnostics.some((d) => d.severity === 'error'));
  // §3.5: with any syntax error nothing runs; the runtime reports each error without running anything.
  const toRun = withSyntaxErrors.length > 0 ? withSyntaxErrors : parsed;
  const runIds: string[] = [];
  let exit = 0;
  for (const { file, source, script } of toRun) {
    const queryStatements = new Set(
      script.script.statements.flatMap((s, i) => (s.kind === 'QueryStatement' ? [i + 1] : [])),
    );
    const onEvent = (event: RunEvent) => {
      if (options.json) out(JSON.stringify(event));
      else if (event.event === 'print') out(event.text);
      else if (event.event === 'result') out(renderResult(event.value, queryStatements.has(event.statement)));
      if (event.event === 'error') {
        const e = event.error;
        err(`${file}:${e.line}:${e.column}: ${e.type}: ${e.message}`);
      }
    };
    const snapshot = await runScript({ source, onEvent });
    runIds.push(snapshot.runId);
    exit = Math.max(exit, snapshot.exit);
    if (snapshot.exit === 1) break;
  }
  if (options.wait) {
    for (const runId of runIds) await waitForRun(runId);
    await waitForBackground();
  }
  return exit;
}

const QUERY_FORMATS: readonly QueryTextFormat[] = ['txt', 'csv', 'tsv'];

function parseFormat(text: string | undefined): QueryTextFormat {
  const format = QUERY_FORMATS.find((f) => f === text);
  if (!format) throw new UsageError(`--format needs ${QUERY_FORMATS.join(', ')}${text === undefined ? '' : ` (got '${text}')`}`);
  return format;
}

async function query(options: Options): Promise<number> {
  try {
    if (options.format) {
      // the store's text as it is: it already ends with its line break
      process.stdout.write(await runQueryAsText({ query: options.operands[0], format: options.format }));
      return 0;
    }
    const body = await runQuery({ query: options.operands[0] });
    if (options.json) out(JSON.stringify(body));
    else if (body.values.length === 0) out('(no rows)');
    else {
      const rows = body.values.map((row) => row.map((cell) => renderValue(jsonToValue((cell ?? null) as Json))));
      out(textTable(body.columns.map((c) => c.name), rows));
    }
    return 0;
  } catch (error) {
    if (error instanceof ClusterConnectError) throw error; // reported by main like every command's
    const e = error as { meta?: { body?: { error?: { type?: string; reason?: string } } }; message?: string };
    const detail = e.meta?.body?.error;
    err(detail ? `query: ${detail.type}: ${detail.reason}` : `query: ${e.message ?? String(error)}`);
    return 1;
  }
}

/**
 * Serves the embedded store over loopback HTTP until SIGINT/SIGTERM, then closes the server and the
 * store. Prints exactly one line once listening (tests and scripts read the port from it).
 */
async function esServe(options: Options): Promise<number> {
  // storeConfigFromEnv always fills dataDir (--data, else $ESCRIPT_DATA_DIR, else its default); es-serve
  // serves the embedded store even when $ELASTICSEARCH_URL is set, since that is what it exists for.
  const dataDir = storeConfigFromEnv(process.env, { dataDir: options.dataDir }).dataDir as string;
  let server;
  try {
    server = await serveEngine({
      dataDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.esVersion !== undefined ? { esVersion: options.esVersion } : {}),
    });
  } catch (error) {
    err(`escript es-serve: cannot listen: ${(error as Error).message}`);
    return 1;
  }
  out(`escript es-serve: listening on ${server.url} (data ${server.dataDir})`);
  if (server.esVersion !== SERVE_DEFAULTS.esVersion) err(`escript es-serve: answering version negotiation as Elasticsearch ${server.esVersion}.x`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await server.close();
  err(`escript es-serve: stopped (${signal})`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`escript: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.dataDir !== undefined) configureService({ dataDir: options.dataDir });
  try {
    if (options.command === 'es-serve') return await esServe(options);
    return options.command === 'run' ? await run(options) : await query(options);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`escript: ${error.message}`);
      return 2;
    }
    // The cluster is down, refuses us or is too old: one line naming the URL and the cause, not a stack.
    if (error instanceof ClusterConnectError) {
      err(`escript: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await closeService();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    err(`escript: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(70);
  },
);
