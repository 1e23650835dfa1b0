/**
 * The execution record of LANGUAGE.md §14.1: its fields in their fixed order, how a new one is made,
 * and how a stored one becomes a script value (date fields as DATEs, §17.46).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Json } from '../runtime/values';

export const EXECUTIONS_INDEX = '.escript_executions';

export type ExecutionKind = 'procedure' | 'parallel' | 'continuation';
export type ExecutionStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export const isTerminal = (s: ExecutionStatus): boolean =>
  s === 'COMPLETED' || s === 'FAILED' || s === 'CANCELLED';

export interface RecordError {
  type: string;
  message: string;
  code: string;
}

/** A stored record, field for field in §14.1 order. Dates are ISO-8601 strings (§18.29). */
export interface ExecutionRecord {
  execution_id: string;
  kind: ExecutionKind;
  track_name: string | null;
  procedure_name: string | null;
  arguments: Json[] | null;
  status: ExecutionStatus;
  parent_id: string | null;
  root_id: string;
  retry_of: string | null;
  pipeline: { [key: string]: Json } | null;
  result: Json;
  error: RecordError | null;
  output: string[];
  '@timestamp': string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  node: string;
  heartbeat_at: string;
  cancel_requested: boolean;
  pipeline_done: boolean;
}

/** The record fields that hold dates; they become DATE values in scripts (§17.46). */
export const RECORD_DATE_FIELDS = ['@timestamp', 'created_at', 'started_at', 'completed_at', 'heartbeat_at'] as const;

/** Random bytes drawn ahead, 8 per id: one call to the generator per 512 ids instead of one per id. */
const idPool = { bytes: Buffer.alloc(0), at: 0 };

/** `exec-` followed by 16 random lower-case hex digits (§13.12). */
export function newExecutionId(): string {
  if (idPool.at + 8 > idPool.bytes.length) {
    idPool.bytes = randomBytes(4096);
    idPool.at = 0;
  }
  const id = `exec-${idPool.bytes.toString('hex', idPool.at, idPool.at + 8)}`;
  idPool.at += 8;
  return id;
}

/**
 * The id of the record at `position` of `role` under `sourceId`: a continuation (`role` = its phase) or
 * a PARALLEL branch (`role` = `branch`). Derived, so that creating a continuation (op_type create) is
 * the one conditional write that claims that handler run on whichever node gets there first (§13.13
 * "only one node can create it"), and so that recovery finds a group's branches in declaration order.
 * The digits look as random as the source id they come from; retries get fresh random ids.
 */
export const derivedId = (sourceId: string, role: string, position: number): string =>
  `exec-${createHash('sha256').update(`${sourceId}/${role}/${position}`).digest('hex').slice(0, 16)}`;

/** The error of an execution whose owner was lost (§13.13). */
export const interruptedError = (node: string): RecordError => ({
  type: 'interrupted', message: `execution interrupted: node '${node}' stopped`, code: 'INTERRUPTED',
});

export interface NewRecordInput {
  /** The id; a new random one when absent (continuations and branches pass `derivedId`). */
  id?: string;
  kind: ExecutionKind;
  trackName: string | null;
  procedureName: string | null;
  arguments: Json[] | null;
  parentId: string | null;
  /** The parent's root id; ignored when `parentId` is null (the record is then its own root). */
  parentRootId: string | null;
  retryOf: string | null;
  pipeline: { [key: string]: Json } | null;
  node: string;
  now: Date;
}

/** A PENDING record with every field present, in order, unset ones NULL (§17.46). */
export function newRecord(input: NewRecordInput): ExecutionRecord {
  const id = input.id ?? newExecutionId();
  const at = input.now.toISOString();
  return {
    execution_id: id,
    kind: input.kind,
    track_name: input.trackName,
    procedure_name: input.procedureName,
    arguments: input.arguments,
    status: 'PENDING',
    parent_id: input.parentId,
    root_id: input.parentId === null ? id : (input.parentRootId ?? id),
    retry_of: input.retryOf,
    pipeline: input.pipeline,
    result: null,
    error: null,
    output: [],
    '@timestamp': at,
    created_at: at,
    started_at: null,
    completed_at: null,
    duration_ms: null,
    node: input.node,
    heartbeat_at: at,
    cancel_requested: false,
    pipeline_done: false,
  };
}

/** Limits of an execution's stored output (§13.11, §18.21). */
export const OUTPUT_LIMITS = { lines: 100, lineChars: 2_000 } as const;

/** Appends a PRINT line to a capped output buffer in place: the last 100 lines, each cut to 2,000 characters. */
export function appendOutput(output: string[], line: string): void {
  const chars = Array.from(line);
  output.push(chars.length > OUTPUT_LIMITS.lineChars ? chars.slice(0, OUTPUT_LIMITS.lineChars).join('') : line);
  if (output.length > OUTPUT_LIMITS.lines) output.splice(0, output.length - OUTPUT_LIMITS.lines);
}
