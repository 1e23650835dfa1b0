/**
 * `npm run conformance:es -- [DIR]`: runs Elasticsearch's REST YAML tests and ES|QL csv-spec tests of DIR
 * (default ../shared/conformance/elasticsearch; any folder laid out the same way) through the official
 * client, against the embedded engine on a temporary data directory, or against $ELASTICSEARCH_URL when set
 * (deleting the indices and templates it created). Prints one line per failure and, last, exactly
 * `N passed, M failed, K skipped`. Exit status: 0 all passed or skipped, 1 some failed, 2 the run could not
 * start or stopped (bad usage, cluster unreachable, a dataset index already present).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, storeConfigFromEnv } from '../lib/elasticsearch';
import { DEFAULT_CONFORMANCE_DIR, planConformance, runConformance, summaryLine, type CaseResult, type Target } from '../lib/embedded/conformance/runner';

const USAGE = 'usage: npm run conformance:es -- [DIR]   (DIR defaults to ../shared/conformance/elasticsearch)';

/** Failure details are one line each; a whole response body rarely helps past this many characters. */
const MAX_DETAIL_CHARS = 600;

const oneLine = (text: string) => {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS)}…` : flat;
};

async function main(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const operands = argv.filter((a) => a !== '--');
  if (operands.length > 1 || operands.some((a) => a.startsWith('-'))) {
    process.stderr.write(`conformance: unexpected arguments ${operands.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const dir = operands[0] ? path.resolve(operands[0]) : DEFAULT_CONFORMANCE_DIR;
  if (!fs.existsSync(dir)) {
    process.stderr.write(`conformance: no such folder ${dir}\n`);
    return 2;
  }
  const plan = await planConformance(dir);
  const fromEnv = storeConfigFromEnv(process.env);
  const target: Target = fromEnv.url ? 'cluster' : 'embedded';
  // The embedded engine always gets a fresh directory, never the user's $ESCRIPT_DATA_DIR.
  const dataDir = target === 'embedded' ? fs.mkdtempSync(path.join(os.tmpdir(), 'escript-conformance-')) : undefined;
  process.stdout.write(`conformance: ${dir}\n  against ${target === 'cluster' ? fromEnv.url : `the embedded engine (${dataDir})`}: `
    + `${plan.yaml.length} REST YAML sections, ${plan.csv.length} csv-spec cases\n`);
  try {
    const client = await createClient(target === 'cluster' ? fromEnv : { dataDir });
    try {
      const onResult = (r: CaseResult) => {
        if (r.verdict === 'failed') process.stdout.write(`FAIL ${r.suite} ${r.id}: ${oneLine(r.detail)}\n`);
      };
      const summary = await runConformance(plan, client, target, onResult);
      process.stdout.write(`${summaryLine(summary)}\n`);
      return summary.failed > 0 ? 1 : 0;
    } finally {
      await client.close();
    }
  } catch (error) {
    process.stderr.write(`conformance: stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`conformance: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
