/**
 * An in-memory `EsqlCatalog` for tests: indices with a mapping, optional hidden flag and documents in
 * insertion order. Pattern resolution follows the catalog contract (wildcards skip hidden indices
 * unless the pattern starts with `.`).
 */
import type { EsqlCatalog, MappingProperties } from '../catalog';

interface MemoryIndex { mapping: MappingProperties; hidden: boolean; docs: { id: string; source: Record<string, unknown> }[] }

/** A catalog held in memory. */
export class MemoryCatalog implements EsqlCatalog {
  private readonly indices = new Map<string, MemoryIndex>();

  /** Adds (or replaces) an index. Documents without `_id` get their position as id. */
  add(name: string, mapping: MappingProperties, docs: Record<string, unknown>[], options: { hidden?: boolean } = {}): this {
    this.indices.set(name, {
      mapping, hidden: !!options.hidden,
      docs: docs.map((d, i) => {
        const { _id, ...source } = d;
        return { id: typeof _id === 'string' ? _id : String(i + 1), source };
      }),
    });
    return this;
  }

  resolve(patterns: string[]): { indices: string[]; missing: string[] } {
    const indices: string[] = [];
    const missing: string[] = [];
    for (const pattern of patterns) {
      if (!pattern.includes('*')) {
        if (this.indices.has(pattern)) indices.push(pattern); else missing.push(pattern);
        continue;
      }
      const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      for (const [name, index] of this.indices) {
        if (re.test(name) && (!index.hidden || pattern.startsWith('.'))) indices.push(name);
      }
    }
    return { indices: [...new Set(indices)], missing };
  }

  mapping(index: string): MappingProperties { return this.indices.get(index)?.mapping ?? {}; }

  documents(index: string): Iterable<{ id: string; source: Record<string, unknown> }> { return this.indices.get(index)?.docs ?? []; }
}
