/**
 * Group commit for execution records: the conditional writes that callers issue in the same turn of
 * the event loop (and while a request is in flight) go to the store as one `_bulk` request, each item
 * still conditional on its own (`op_type: create`, or `if_seq_no`/`if_primary_term`), and each caller
 * gets its own item's answer. Every write still waits for its acknowledgement, so a record is durable
 * when its write returns; only the number of requests (and, on the embedded store, of SQLite
 * transactions) changes. A write marked `searchable` is also visible to searches when it returns
 * (`refresh=wait_for`): the record a starting statement writes (§13.2 step 3, §13.14.1) and a CANCEL
 * request, which its owner finds by searching. Other transitions are read by id (realtime) and need no
 * refresh; on a cluster, waiting for one costs up to a refresh interval (1 s) per write.
 */
import type { Client } from '@elastic/elasticsearch';
import { EXECUTIONS_INDEX, type ExecutionRecord } from './record';

/** Creates a record unless its id exists, or replaces a record at the version its writer knows. */
export type RecordWrite = (
  | { op: 'create'; record: ExecutionRecord }
  | { op: 'replace'; record: ExecutionRecord; seqNo: number; primaryTerm: number }
) & {
  /** Searchable once acknowledged (`refresh=wait_for` on the request that carries it). */
  searchable?: boolean;
};

/** The version a write produced. */
export interface WrittenVersion {
  seqNo: number;
  primaryTerm: number;
}

/** Limits of one bulk request. */
export const WRITE_BATCH_LIMITS = {
  /** Items per request; more wait for the next request. */
  items: 500,
  /** Characters of NDJSON per request, far below a cluster's 100 MB request limit (records carry up to 200 KB of output). */
  chars: 8_000_000,
} as const;

/**
 * A failed item, shaped like the client's `ResponseError` where callers look (`meta.statusCode`), so
 * a 409 reads as a conflict whether the write went alone or in a batch.
 */
export class RecordWriteError extends Error {
  readonly meta: { statusCode: number; body: unknown };

  constructor(id: string, statusCode: number, itemError: unknown) {
    super(`write of execution record ${id} failed with status ${statusCode}: ${JSON.stringify(itemError)}`);
    this.name = 'RecordWriteError';
    // The body a single write would have answered, so store-error translation reads it alike.
    this.meta = { statusCode, body: { error: itemError, status: statusCode } };
  }
}

interface Pending {
  write: RecordWrite;
  /** The action line and the document, serialized once. */
  lines: string;
  resolve: (version: WrittenVersion) => void;
  reject: (error: unknown) => void;
}

interface BulkItemResult {
  status?: number;
  _seq_no?: number;
  _primary_term?: number;
  error?: unknown;
}

export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = false;

  constructor(private readonly client: Client) {}

  /** Writes one record; resolves with its new version once acknowledged, rejects with the item's error. */
  write(write: RecordWrite): Promise<WrittenVersion> {
    const id = write.record.execution_id;
    const action = write.op === 'create'
      ? { create: { _index: EXECUTIONS_INDEX, _id: id } }
      : { index: { _index: EXECUTIONS_INDEX, _id: id, if_seq_no: write.seqNo, if_primary_term: write.primaryTerm } };
    const lines = `${JSON.stringify(action)}\n${JSON.stringify(write.record)}`;
    return new Promise<WrittenVersion>((resolve, reject) => {
      this.queue.push({ write, lines, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Flushes on the next turn of the event loop, so writes issued by concurrent executions in this turn
   * share the request; while a request is in flight, writes wait for it and then go together.
   */
  private schedule(): void {
    if (this.scheduled || this.inFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.take();
    if (batch.length === 0) return;
    this.inFlight = true;
    try {
      const refresh = batch.some((p) => p.write.searchable) ? { refresh: 'wait_for' as const } : {};
      const response = await this.client.bulk({ operations: batch.map((p) => p.lines), ...refresh });
      batch.forEach((pending, i) => settle(pending, response.items[i]?.create ?? response.items[i]?.index));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  /** The next batch from the queue, within WRITE_BATCH_LIMITS (always at least one item). */
  private take(): Pending[] {
    let chars = 0;
    let n = 0;
    while (n < this.queue.length && n < WRITE_BATCH_LIMITS.items) {
      chars += this.queue[n].lines.length + 2;
      if (n > 0 && chars > WRITE_BATCH_LIMITS.chars) break;
      n++;
    }
    return this.queue.splice(0, n);
  }
}

function settle(pending: Pending, item: BulkItemResult | undefined): void {
  const status = item?.status ?? 500;
  if (item && (status === 200 || status === 201)) {
    pending.resolve({ seqNo: item._seq_no ?? 0, primaryTerm: item._primary_term ?? 1 });
  } else {
    pending.reject(new RecordWriteError(pending.write.record.execution_id, status, item?.error ?? 'no answer for this item'));
  }
}
