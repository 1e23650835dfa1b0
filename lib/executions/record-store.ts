/**
 * Reads and writes execution records in `.escript_executions` through the Elasticsearch client.
 * Every transition is a conditional write (`if_seq_no`/`if_primary_term`), so races such as CANCEL
 * against completion have exactly one winner (§13.7), also across nodes sharing a store.
 */
import type { Client } from '@elastic/elasticsearch';
import { EXECUTIONS_INDEX, type ExecutionRecord } from './record';
import { WriteBatcher } from './write-batch';

export interface VersionedRecord {
  record: ExecutionRecord;
  seqNo: number;
  primaryTerm: number;
}

/** Result of a read-modify-write: the record as written, or null when `change` declined. */
export type UpdateOutcome = VersionedRecord | null;

const isConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { meta?: { statusCode?: number } }).meta?.statusCode === 404;

/** One heartbeat write: the record, the version its owner knows, and the new values. */
export interface TouchItem {
  id: string;
  seqNo: number;
  primaryTerm: number;
  heartbeatAt: string;
  output: string[];
}

/** How a write is acknowledged. */
export interface WriteOptions {
  /**
   * Visible to searches once acknowledged (`refresh=wait_for`). Creates default to true, updates to
   * false: an owner's transitions are read back by id, which needs no refresh.
   */
  searchable?: boolean;
}

export type TouchOutcome =
  | { id: string; outcome: 'ok'; seqNo: number; primaryTerm: number }
  | { id: string; outcome: 'conflict' | 'missing' };

export class RecordStore {
  /** Creates and transitions share `_bulk` requests (`write-batch.ts`); reads and heartbeats go on their own. */
  private readonly writes: WriteBatcher;

  constructor(private readonly client: Client) {
    this.writes = new WriteBatcher(client);
  }

  /**
   * Creates a record unless one with its id exists: the claim of a continuation (§13.13). Null when
   * another writer created it first.
   */
  async createIfAbsent(record: ExecutionRecord): Promise<VersionedRecord | null> {
    try {
      return await this.create(record, { searchable: false });
    } catch (error) {
      if (isConflict(error)) return null;
      throw error;
    }
  }

  /**
   * Creates a record; fails if the id exists (op_type create). Visible to searches on return unless
   * `searchable` is false (§13.2 step 3, §13.14.1: what a statement starts is searchable at once).
   */
  async create(record: ExecutionRecord, { searchable = true }: WriteOptions = {}): Promise<VersionedRecord> {
    return { record, ...(await this.writes.write({ op: 'create', record, searchable })) };
  }

  /** The record with this id, or null. */
  async get(id: string): Promise<VersionedRecord | null> {
    try {
      const response = await this.client.get<ExecutionRecord>({ index: EXECUTIONS_INDEX, id });
      if (!response.found || !response._source) return null;
      return { record: response._source, seqNo: response._seq_no ?? 0, primaryTerm: response._primary_term ?? 1 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Read-modify-write with optimistic concurrency: `change` gets the current record and returns the
   * new one, or null to leave it as it is. Retries on a conflicting concurrent write. `known` is the
   * writer's own copy and version: the first attempt uses it instead of reading (an owner's writes are
   * usually the only ones), and a conflict falls back to reading. `change` must not modify the record
   * it gets (every caller returns a spread copy): it is the caller's own copy, handed over uncloned
   * because a deep copy per transition was a measurable part of each execution's cost.
   */
  async update(
    id: string, change: (current: ExecutionRecord) => ExecutionRecord | null, known?: VersionedRecord,
    { searchable = false }: WriteOptions = {},
  ): Promise<UpdateOutcome> {
    let hint = known;
    for (;;) {
      const current = hint ?? (await this.get(id));
      hint = undefined;
      if (!current) return null;
      const next = change(current.record);
      if (!next) return null;
      try {
        const written = await this.writes.write({ op: 'replace', record: next, seqNo: current.seqNo, primaryTerm: current.primaryTerm, searchable });
        return { record: next, ...written };
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  }

  /**
   * Refreshes `heartbeat_at` and `output` of records this node owns, in one bulk request, each only if
   * it is still at the version the owner knows. Answers each item: its new version, or `conflict` (the
   * record was written by someone else: a CANCEL request, or recovery) or `missing`.
   */
  async touch(items: TouchItem[]): Promise<TouchOutcome[]> {
    if (items.length === 0) return [];
    const operations = items.flatMap((item) => [
      { update: { _index: EXECUTIONS_INDEX, _id: item.id, if_seq_no: item.seqNo, if_primary_term: item.primaryTerm } },
      { doc: { heartbeat_at: item.heartbeatAt, output: item.output } },
    ]);
    const response = await this.client.bulk({ operations });
    return response.items.map((entry, i) => {
      const result = entry.update;
      const status = result?.status ?? 500;
      if (result && (status === 200 || status === 201)) {
        return { id: items[i].id, outcome: 'ok', seqNo: result._seq_no ?? 0, primaryTerm: result._primary_term ?? 1 };
      }
      if (status === 409) return { id: items[i].id, outcome: 'conflict' };
      if (status === 404) return { id: items[i].id, outcome: 'missing' };
      throw new Error(`heartbeat of ${items[i].id} failed: ${JSON.stringify(result?.error ?? status)}`);
    });
  }

  /**
   * The most recent record with this track name: newest `created_at`, then highest id (§13.8). The
   * search finds the record; its state may be older than the last transition (not every transition
   * waits for a refresh), so callers that need the state read it by id.
   */
  async findByTrackName(trackName: string): Promise<ExecutionRecord | null> {
    const response = await this.client.search<ExecutionRecord>({
      index: EXECUTIONS_INDEX,
      query: { term: { track_name: trackName } },
      sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }],
      size: 1,
    });
    return response.hits.hits[0]?._source ?? null;
  }

  /**
   * The ids among the RUNNING records of `node` that carry a CANCEL request (§13.8), looking at the
   * `size` most recently heartbeated ones. Filters on mapped keywords and a date sort only, so the
   * store answers from its indexes and the cost follows what the node runs, not the index's history.
   */
  async cancelRequested(node: string, size: number): Promise<string[]> {
    const response = await this.client.search<Pick<ExecutionRecord, 'execution_id' | 'cancel_requested'>>({
      index: EXECUTIONS_INDEX,
      query: { bool: { filter: [{ term: { node } }, { term: { status: 'RUNNING' } }] } },
      sort: [{ heartbeat_at: { order: 'desc' } }],
      size,
      track_total_hits: false,
      _source: ['execution_id', 'cancel_requested'],
    });
    return response.hits.hits.flatMap((hit) => (hit._source?.cancel_requested === true ? [hit._source.execution_id] : []));
  }

  /** Records matching a query, newest first; `from` skips that many (paging). */
  async search(query: object, size: number, from = 0): Promise<ExecutionRecord[]> {
    const response = await this.client.search<ExecutionRecord>({
      index: EXECUTIONS_INDEX,
      query,
      sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }],
      size,
      from,
      // only the hits are read; counting the total (up to 10,001) cost more than finding them
      track_total_hits: false,
    });
    return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  }
}
