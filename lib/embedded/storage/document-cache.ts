/**
 * Parsed `_source`s of the documents reads met lately, so that the small reads a dashboard or a script
 * repeats (the same page of the newest documents) do not parse the same JSON each time. An entry is
 * known by the document's row, its index's uuid and its `_seq_no`: every write of a document gives it a
 * new `_seq_no` within its index (a replaced row keeps its rowid; a row reused after a delete belongs to
 * a later sequence number), and an index deleted and made again, whose numbers start over, has a new
 * uuid. So an entry never goes stale, whichever process writes. Readers may keep what they derive from
 * a document in its `memo` (the row a query shows), under a key that names what it depends on.
 */

/** A document as a read met it. */
export class CachedDocument {
  private parsed: Record<string, unknown> | undefined;
  /** What readers derived from this document, by a key naming what it depends on. */
  readonly memo = new Map<string, unknown>();

  constructor(readonly indexUuid: string, readonly seqNo: number, readonly id: string, readonly text: string) {}

  get source(): Record<string, unknown> {
    return (this.parsed ??= JSON.parse(this.text) as Record<string, unknown>);
  }
}

/**
 * `_source` characters kept at most: 16 MB of text. With the parsed objects and what readers keep in the
 * memos (a hit's text holds its source again), about four times that in all.
 */
const CACHED_CHARS = 8_000_000;

/** The cache of one store (one SQLite connection); entries leave oldest first once the text is over budget. */
export class DocumentCache {
  private readonly entries = new Map<number, CachedDocument>();
  private chars = 0;

  constructor(private readonly budget = CACHED_CHARS) {}

  /** The document at `rowid`, if it is cached at this `_seq_no` of the index with this uuid. */
  get(rowid: number, indexUuid: string, seqNo: number): CachedDocument | undefined {
    const entry = this.entries.get(rowid);
    return entry && entry.seqNo === seqNo && entry.indexUuid === indexUuid ? entry : undefined;
  }

  /** Caches a document read from the store and returns it. */
  put(rowid: number, indexUuid: string, seqNo: number, id: string, text: string): CachedDocument {
    const entry = new CachedDocument(indexUuid, seqNo, id, text);
    const old = this.entries.get(rowid);
    if (old) { this.entries.delete(rowid); this.chars -= old.text.length; }
    this.entries.set(rowid, entry);
    this.chars += text.length;
    if (this.chars > this.budget) this.evict();
    return entry;
  }

  private evict(): void {
    for (const [rowid, entry] of this.entries) {
      if (this.chars <= this.budget / 2) return;
      this.entries.delete(rowid);
      this.chars -= entry.text.length;
    }
  }
}
