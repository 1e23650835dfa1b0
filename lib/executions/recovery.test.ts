import { describe, expect, it } from 'vitest';
import { derivedId, newRecord, type ExecutionRecord } from './record';
import { interruptedRecord, ownerLost, pipelineDecision, type RecoveryView } from './recovery';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');
const LEASE = 30_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const view = (over: Partial<RecoveryView> = {}): RecoveryView => ({
  node: 'me', nowMs: NOW, leaseMs: LEASE, startedAtMs: NOW - 1_000, ownName: false, ...over,
});

const handlers = { on_done: [{ handler: 'h', args: [] }], on_fail: [], finally: [], timeout_seconds: null };

/** A record as stored, with the fields recovery looks at. */
function record(over: Partial<ExecutionRecord> = {}): ExecutionRecord {
  const base = newRecord({
    kind: 'procedure', trackName: null, procedureName: 'p', arguments: [], parentId: null, parentRootId: null,
    retryOf: null, pipeline: { on_done: [], on_fail: [], finally: [], timeout_seconds: null }, node: 'other', now: new Date(NOW - 60_000),
  });
  return { ...base, ...over };
}

describe('ownerLost: which PENDING/RUNNING records recovery fails (§13.13)', () => {
  it.each([
    ['RUNNING, heartbeat older than the lease', record({ status: 'RUNNING', heartbeat_at: ago(LEASE + 1) }), view(), false, true],
    ['RUNNING, heartbeat exactly at the lease edge', record({ status: 'RUNNING', heartbeat_at: ago(LEASE) }), view(), false, false],
    ['RUNNING, fresh heartbeat', record({ status: 'RUNNING', heartbeat_at: ago(4_000) }), view(), false, false],
    ['PENDING (queued on a live node), fresh heartbeat', record({ status: 'PENDING', heartbeat_at: ago(1_000) }), view(), false, false],
    ['PENDING, heartbeat older than the lease', record({ status: 'PENDING', heartbeat_at: ago(LEASE + 5_000) }), view(), false, true],
    ['stale but held by this node right now', record({ status: 'RUNNING', heartbeat_at: ago(LEASE * 2) }), view(), true, false],
    ['terminal, however old', record({ status: 'COMPLETED', heartbeat_at: ago(LEASE * 10) }), view(), false, false],
    ['configured name: an earlier process\'s record, fresh', record({ status: 'RUNNING', node: 'me', heartbeat_at: ago(100), created_at: ago(5_000) }), view({ ownName: true }), false, true],
    ['configured name: created by this process', record({ status: 'RUNNING', node: 'me', heartbeat_at: ago(100), created_at: ago(500) }), view({ ownName: true }), false, false],
    ['unconfigured name: same name is not proof', record({ status: 'RUNNING', node: 'me', heartbeat_at: ago(100), created_at: ago(5_000) }), view(), false, false],
    ['configured name: another node\'s fresh record', record({ status: 'RUNNING', node: 'other', heartbeat_at: ago(100), created_at: ago(5_000) }), view({ ownName: true }), false, false],
  ])('%s', (_name, r, v, live, expected) => expect(ownerLost(r, v, live)).toBe(expected));
});

describe('interruptedRecord: what recovery writes', () => {
  it('fails a RUNNING record with the interrupted error naming the lost node, and takes it over', () => {
    const r = record({ status: 'RUNNING', started_at: ago(10_000), output: ['line'], pipeline: handlers });
    const written = interruptedRecord(r, new Date(NOW), 'me')!;
    expect(written).toMatchObject({
      status: 'FAILED', result: null, output: ['line'], node: 'me', duration_ms: 10_000, pipeline_done: false,
      completed_at: ago(0), heartbeat_at: ago(0),
      error: { type: 'interrupted', code: 'INTERRUPTED', message: "execution interrupted: node 'other' stopped" },
    });
    expect(Object.keys(written)).toEqual(Object.keys(r));
  });

  it.each([
    ['a PENDING record never started: no duration', record({ status: 'PENDING' }), { duration_ms: null, started_at: null, pipeline_done: true }],
    ['a continuation has no pipeline of its own', record({ status: 'RUNNING', kind: 'continuation', started_at: ago(1), pipeline: { phase: 'on_done', position: 0 } }), { pipeline_done: true }],
    ['a group keeps its branch results', record({ status: 'RUNNING', kind: 'parallel', started_at: ago(1), pipeline: { branches: [], on_all_done: [], on_any_fail: [], finally: [] } }), { result: [1, null], pipeline_done: true }],
  ])('%s', (_name, r, expected) => expect(interruptedRecord(r, new Date(NOW), 'me', [1, null])).toMatchObject(expected));

  it.each(['COMPLETED', 'FAILED', 'CANCELLED'] as const)('never changes a %s record', (status) => {
    expect(interruptedRecord(record({ status }), new Date(NOW), 'me')).toBeNull();
  });
});

describe('pipelineDecision: whose unfinished pipelines a node resumes (§13.13)', () => {
  const done = (over: Partial<ExecutionRecord>) => record({ status: 'COMPLETED', pipeline: handlers, pipeline_done: false, ...over });
  it.each([
    ['pipeline done', done({ pipeline_done: true, heartbeat_at: ago(LEASE * 2) }), view(), false, 'skip'],
    ['not terminal yet', record({ status: 'RUNNING', heartbeat_at: ago(LEASE * 2) }), view(), false, 'skip'],
    ['this node drives it now', done({ node: 'me', heartbeat_at: ago(LEASE * 2) }), view(), true, 'skip'],
    ['just ended: its driver is between two handlers', done({ heartbeat_at: ago(1_000) }), view(), false, 'skip'],
    ['quiet, another node\'s: ask whether that node lives', done({ heartbeat_at: ago(LEASE + 1) }), view(), false, 'ask-owner'],
    ['quiet, this node\'s, not driven: resume', done({ node: 'me', heartbeat_at: ago(LEASE + 1) }), view(), false, 'resume'],
    ['configured name, an earlier process\'s: resume at once', done({ node: 'me', heartbeat_at: ago(10), created_at: ago(5_000) }), view({ ownName: true }), false, 'resume'],
  ])('%s', (_name, r, v, driving, expected) => expect(pipelineDecision(r, v, driving)).toBe(expected));
});

describe('derivedId: the claim of one handler run', () => {
  it('is the same for the same source, phase and position, and has the §13.12 shape', () => {
    const id = derivedId('exec-0123456789abcdef', 'on_done', 0);
    expect(id).toBe(derivedId('exec-0123456789abcdef', 'on_done', 0));
    expect(id).toMatch(/^exec-[0-9a-f]{16}$/);
  });

  it('differs by source, phase and position', () => {
    const ids = new Set([
      derivedId('exec-0123456789abcdef', 'on_done', 0), derivedId('exec-0123456789abcdef', 'on_done', 1),
      derivedId('exec-0123456789abcdef', 'finally', 0), derivedId('exec-fedcba9876543210', 'on_done', 0),
      derivedId('exec-0123456789abcdef', 'branch', 0),
    ]);
    expect(ids.size).toBe(5);
  });
});
