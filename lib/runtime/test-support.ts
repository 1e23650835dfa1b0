/**
 * Test support for runtime tests: a real embedded store on a temp dir, a recording AsyncHost
 * double (lib/executions is another layer), and a runner collecting the foreground events the
 * conformance README describes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { createClient, ensureSystemIndices } from '../elasticsearch';
import type { AsyncCallSpec, AsyncHost, CallerContext, ExecutionOp, ParallelSpec } from './host';
import { runScript } from './run';
import { valueToJson, type Json, type Value } from './values';

/** An AsyncHost double that records what it was asked and answers with fixed records. */
export class RecordingAsyncHost implements AsyncHost {
  calls: { kind: string; spec: unknown; caller: CallerContext }[] = [];
  async startCall(spec: AsyncCallSpec, caller: CallerContext): Promise<Value> {
    this.calls.push({ kind: 'call', spec, caller });
    return new Map<string, Value>([['execution_id', 'exec-0000000000000001'], ['status', 'PENDING'], ['procedure_name', spec.procedure]]);
  }
  async startParallel(spec: ParallelSpec, caller: CallerContext): Promise<Value> {
    this.calls.push({ kind: 'parallel', spec, caller });
    return new Map<string, Value>([['execution_id', 'exec-0000000000000002'], ['status', 'PENDING'], ['kind', 'parallel']]);
  }
  async operate(op: ExecutionOp, target: string, caller: CallerContext, wait?: number): Promise<Value> {
    this.calls.push({ kind: 'operate', spec: { op, target, wait }, caller });
    return new Map<string, Value>([['execution_id', target], ['status', 'COMPLETED']]);
  }
}

/** A fresh embedded store on a temp dir, with the system indices installed. */
export async function tempStore(): Promise<{ client: Client; dir: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-runtime-'));
  const client = await createClient({ dataDir: dir });
  await ensureSystemIndices(client);
  return { client, dir, close: async () => { await client.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A foreground event as in the conformance README. */
export type Event = Record<string, Json>;

/** Runs a script and returns its foreground events, the outcome, and the async host's log. */
export async function runForEvents(client: Client, source: string, asyncHost = new RecordingAsyncHost(), signal?: AbortSignal) {
  const events: Event[] = [];
  const outcome = await runScript(source, {
    host: { client, async: asyncHost }, caller: { runId: 'run-test', executionId: null }, signal,
    onPrint: (text, level) => events.push({ event: 'print', text, level }),
    onResult: (statement, line, value) => events.push({ event: 'result', statement, line, value: valueToJson(value) }),
  });
  if (outcome.kind === 'syntax') {
    for (const e of outcome.errors) events.push({ event: 'error', statement: 0, error: { ...e } as unknown as Json });
  } else if (outcome.error) {
    events.push({ event: 'error', statement: outcome.errorStatement, error: { ...outcome.error } as unknown as Json });
  }
  return { events, outcome, asyncHost };
}

/** Conformance matching: only keys written in `expected` are compared; below them, exact JSON equality with placeholders. */
export function matches(expected: Json, actual: Json | undefined, top = true): boolean {
  if (expected === '$any') return true;
  if (expected === '$id') return typeof actual === 'string' && /^exec-[0-9a-f]{16}$/.test(actual);
  if (expected === '$date') return typeof actual === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(actual);
  if (expected === null || typeof expected !== 'object') return expected === actual;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i], false));
  }
  if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const ek = Object.keys(expected);
  if (!top && ek.length !== Object.keys(actual).length) return false;
  return ek.every((k) => matches(expected[k], actual[k], top && (k === 'error')));
}
