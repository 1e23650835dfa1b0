/**
 * The Elasticsearch conformance runner: the REST YAML tests and the ES|QL csv-spec tests of a folder laid
 * out like Elasticsearch's repository (../shared/conformance/elasticsearch by default), run through the
 * official client against whatever the client talks to (the embedded engine, or a real cluster). Used by
 * `npm run conformance:es` (scripts/conformance-es.ts) and by the Vitest suite in `npm test`.
 *
 * Verdicts: a case passes, fails, or is skipped. Skipped means the test material itself rules it out
 * (a `skip`/`requires` the target does not meet, an upstream-disabled case, a dataset the folder lacks)
 * or a skip list names it (a feature the engine lacks, with the reason). On the embedded engine listed
 * cases still run, and one that passes is a failure until its entry is removed; on a cluster they do not run.
 */
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { specCases, type CsvCase } from '../esql/csv-spec/cases';
import { compareAnswer } from '../esql/csv-spec/compare';
import { bulkBody, CSV_SPEC_SUBDIR, readDatasets, type Dataset } from '../esql/csv-spec/datasets';
import { captureBaseline, restoreBaseline, type Baseline } from './clean-slate';
import { runSection, SectionOutcome, versionInRanges, type YamlSection } from './rest-yaml';
import { sectionsOf, yamlTestFiles } from './rest-yaml-suite';
import { readSkipList, SKIP_LISTS, type SkipList } from './skip-list';
import { loadYamlDocuments } from './yaml-loader';

/** The conformance folder used when none is given: `../shared/conformance/elasticsearch` beside the repository. */
export const DEFAULT_CONFORMANCE_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'conformance', 'elasticsearch');

export type Suite = 'rest-yaml' | 'csv-spec';
export type Verdict = 'passed' | 'failed' | 'skipped';

/** One case's verdict; `detail` says what differed (failed) or why it did not run (skipped). */
export interface CaseResult {
  suite: Suite;
  id: string;
  verdict: Verdict;
  detail: string;
}

/** What the client talks to: skip-listed cases run (to catch stale entries) only on the embedded engine. */
export type Target = 'embedded' | 'cluster';

/** A REST YAML section: `<file id> :: <section name>`, with setup and teardown merged in. */
export interface YamlCase { id: string; section: YamlSection; loadError?: string }

/** Everything a run needs, read from the folder and the repository's skip lists. */
export interface ConformancePlan {
  dir: string;
  yaml: YamlCase[];
  csv: CsvCase[];
  datasets: Dataset[];
  skipLists: Record<Suite, SkipList>;
}

/** Reads the folder: YAML sections, csv-spec cases, the datasets those need, and both skip lists. */
export async function planConformance(dir: string = DEFAULT_CONFORMANCE_DIR): Promise<ConformancePlan> {
  const yaml: YamlCase[] = [];
  for (const { file, id } of yamlTestFiles(dir)) {
    let documents: unknown[];
    try {
      documents = (await loadYamlDocuments([file])).get(file) ?? [];
    } catch (e) {
      yaml.push({ id: `${id} :: (file)`, section: { name: '(file)', steps: [] }, loadError: `cannot read: ${(e as Error).message}` });
      continue;
    }
    for (const section of sectionsOf(documents)) yaml.push({ id: `${id} :: ${section.name}`, section });
  }
  const csvRoot = path.join(dir, CSV_SPEC_SUBDIR);
  const datasets = readDatasets(csvRoot);
  const csv = specCases(csvRoot, new Set(datasets.map((d) => d.index)));
  return {
    dir, yaml, csv, datasets,
    skipLists: { 'rest-yaml': readSkipList(SKIP_LISTS.restYaml), 'csv-spec': readSkipList(SKIP_LISTS.csvSpec) },
  };
}

type Attempt = { kind: 'pass' | 'fail' | 'skip'; detail: string };

/** The status and body of a failed call, or undefined when `e` is not an HTTP answer (say, no connection). */
function httpAnswer(e: unknown): { status: number; body: unknown } | undefined {
  const meta = (e as { meta?: { statusCode?: number; body?: unknown } }).meta;
  return meta?.statusCode ? { status: meta.statusCode, body: meta.body } : undefined;
}

/**
 * One run over one client. Call `begin()` first and `end()` last (it deletes every index and template the
 * run created); YAML cases run before `loadDatasets()` so their `_cat`/wildcard checks see only their own indices.
 */
export class ConformanceSession {
  private baseline: Baseline | undefined;
  private version = '9.1.0';
  private datasetsLoaded = false;

  constructor(readonly client: Client, readonly target: Target, readonly plan: ConformancePlan) {}

  /** Records what exists already and the target's major version (for `skip: version` ranges). */
  async begin(): Promise<void> {
    const info = await this.client.info();
    this.version = String(info.version.number);
    this.baseline = await captureBaseline(this.client);
  }

  /** Runs one YAML section, then deletes what it created. */
  async runYaml(c: YamlCase): Promise<CaseResult> {
    return this.judge('rest-yaml', c.id, async () => {
      if (c.loadError) return { kind: 'fail', detail: c.loadError };
      try {
        await runSection(this.client, c.section.steps, Number(this.version.split('.')[0]));
        return { kind: 'pass', detail: '' };
      } catch (e) {
        return { kind: e instanceof SectionOutcome ? e.kind : 'fail', detail: (e as Error).message };
      } finally {
        await restoreBaseline(this.client, this.requireBaseline());
      }
    });
  }

  /**
   * Creates each dataset's index with its mapping and bulk-loads it (once per run). Throws when an index
   * of that name exists already: the runner never writes into data it did not create.
   */
  async loadDatasets(): Promise<void> {
    if (this.datasetsLoaded) return;
    for (const dataset of this.plan.datasets) {
      if (await this.client.indices.exists({ index: dataset.index })) {
        throw new Error(`index [${dataset.index}] exists already; the csv-spec tests load their own copy (delete it, or use another cluster)`);
      }
      await this.client.transport.request({ method: 'PUT', path: `/${encodeURIComponent(dataset.index)}`, body: { mappings: { properties: dataset.properties } } });
      const bulk = await this.client.transport.request<{ errors: boolean; items: unknown[] }>({
        method: 'POST', path: '/_bulk', querystring: { refresh: 'true' }, bulkBody: bulkBody(dataset),
      });
      if (bulk.errors) throw new Error(`loading [${dataset.index}] failed: ${JSON.stringify(bulk.items.find((i) => JSON.stringify(i).includes('"error"')))}`);
    }
    this.datasetsLoaded = true;
  }

  /** Runs one csv-spec case through `POST /_query` and compares the answer. */
  async runCsv(c: CsvCase): Promise<CaseResult> {
    const ruledOut = this.csvRuledOut(c);
    if (ruledOut !== null) return { suite: 'csv-spec', id: c.id, verdict: 'skipped', detail: ruledOut };
    await this.loadDatasets();
    return this.judge('csv-spec', c.id, async () => {
      let answer: { status: number; body: unknown; warning?: string | string[] };
      try {
        const res = await this.client.transport.request({ method: 'POST', path: '/_query', body: { query: c.case.query } }, { meta: true });
        // the raw header: the client's own split of several warnings breaks on commas inside quoted texts
        answer = { status: res.statusCode ?? 200, body: res.body, warning: res.headers?.warning };
      } catch (e) {
        const failed = httpAnswer(e);
        if (!failed) return { kind: 'fail', detail: (e as Error).message };
        answer = failed;
      }
      const difference = compareAnswer(c.case, answer.status, answer.body, answer.warning);
      return difference === null ? { kind: 'pass', detail: '' } : { kind: 'fail', detail: difference };
    });
  }

  /**
   * Why the test material itself keeps a csv-spec case from running on this target (disabled upstream, a
   * dataset the folder lacks, a `#[skip:<versions>]` covering the target's version), or null.
   */
  csvRuledOut(c: CsvCase): string | null {
    if (c.outOfScope) return c.outOfScope;
    const skip = c.case.skipVersions;
    if (skip && versionInRanges(this.version.replace(/-.*$/, ''), skip.range)) return `skip: ${skip.range} on ${this.version} (${skip.reason})`;
    return null;
  }

  /** Deletes every index and template the run created (the datasets included). */
  async end(): Promise<void> {
    await restoreBaseline(this.client, this.requireBaseline());
  }

  private requireBaseline(): Baseline {
    if (!this.baseline) throw new Error('bug: ConformanceSession.begin() was not awaited before running cases');
    return this.baseline;
  }

  private async judge(suite: Suite, id: string, attempt: () => Promise<Attempt>): Promise<CaseResult> {
    const list = this.plan.skipLists[suite];
    const listed = list.entries.get(id);
    if (listed !== undefined && this.target === 'cluster') return { suite, id, verdict: 'skipped', detail: listed };
    let outcome: Attempt;
    try {
      outcome = await attempt();
    } catch (e) {
      outcome = { kind: 'fail', detail: `runner error: ${(e as Error).message}` };
    }
    if (listed !== undefined) {
      return outcome.kind === 'pass'
        ? { suite, id, verdict: 'failed', detail: `passes now: remove it from ${path.basename(list.file)} (listed: ${listed})` }
        : { suite, id, verdict: 'skipped', detail: listed };
    }
    const verdict: Verdict = outcome.kind === 'pass' ? 'passed' : outcome.kind === 'skip' ? 'skipped' : 'failed';
    return { suite, id, verdict, detail: outcome.detail };
  }
}

/** Counts of a finished run. */
export interface Summary { passed: number; failed: number; skipped: number }

/** The run's last line, exactly `N passed, M failed, K skipped`. */
export const summaryLine = (s: Summary): string => `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;

/**
 * Runs every case of `plan` (YAML first, then csv-spec) on `client`, reporting each result to
 * `onResult` as it comes, and cleans up after itself. Skip-list problems (entries without a reason)
 * count as failures.
 */
export async function runConformance(
  plan: ConformancePlan, client: Client, target: Target, onResult: (r: CaseResult) => void = () => undefined,
): Promise<Summary> {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0 };
  const report = (r: CaseResult) => {
    summary[r.verdict] += 1;
    onResult(r);
  };
  for (const suite of ['rest-yaml', 'csv-spec'] as const) {
    for (const problem of plan.skipLists[suite].problems) report({ suite, id: '(skip list)', verdict: 'failed', detail: problem });
  }
  const session = new ConformanceSession(client, target, plan);
  await session.begin();
  try {
    for (const c of plan.yaml) report(await session.runYaml(c));
    for (const c of plan.csv) report(await session.runCsv(c));
  } finally {
    await session.end();
  }
  return summary;
}
