/**
 * Runs every catalogue example through the interpreter, so the generated reference shows what the
 * code computes rather than what someone typed. Each example runs as `RETURN <expr>;` against a fresh
 * embedded store in a temporary directory, as lib/runtime/builtins/catalog.test.ts does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, ensureSystemIndices } from '../../lib/elasticsearch';
import { runScript, type AsyncHost, type Builtin, type Value } from '../../lib/runtime';
import type { ExampleResults } from './builtin-reference';

/** Examples compute values; one that starts an execution is a catalogue bug, so the host refuses. */
const NO_EXECUTIONS: AsyncHost = {
  startCall: () => Promise.reject(new Error('bug: a built-in example started an async call')),
  startParallel: () => Promise.reject(new Error('bug: a built-in example started a PARALLEL group')),
  operate: () => Promise.reject(new Error('bug: a built-in example operated on an execution')),
};

/**
 * The value of every example of `builtins`, keyed by the example's expression. Throws, naming the
 * example, when one does not parse or raises an error: the reference must not show a broken example.
 */
export async function runBuiltinExamples(builtins: readonly Builtin[]): Promise<ExampleResults> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-docs-'));
  const client = await createClient({ dataDir });
  try {
    await ensureSystemIndices(client);
    const results = new Map<string, Value>();
    for (const b of builtins) {
      for (const [expr] of b.examples) {
        const out = await runScript(`RETURN ${expr};`, {
          host: { client, async: NO_EXECUTIONS }, caller: { runId: 'docs', executionId: null }, onPrint: () => {},
        });
        if (out.kind === 'syntax') throw new Error(`${b.name} example ${expr}: ${out.errors.map((e) => e.message).join('; ')}`);
        if (out.error) throw new Error(`${b.name} example ${expr}: ${out.error.type} ${out.error.code} ${out.error.message}`);
        results.set(expr, out.result);
      }
    }
    return results;
  } finally {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
