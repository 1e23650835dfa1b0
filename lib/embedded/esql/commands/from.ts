/**
 * FROM: reads every document of the indices matching the patterns, one column per mapped field
 * (sorted by name) followed by the METADATA columns asked for. Unknown indices are an error.
 */
import type { FromNode } from '../ast';
import type { EsqlContext } from '../context';
import { verification, type EsqlMessage } from '../errors';
import { ignoredFields, mappedColumns, mergeColumns, readCell, type SourceColumn } from '../source-columns';
import { toCell, type Cell, type Column, type EsqlType } from '../table';
import type { EsqlCommand } from './command';

const METADATA: Record<string, EsqlType> = {
  _id: 'keyword', _index: 'keyword', _version: 'long', _score: 'double', _ignored: 'keyword', _source: '_source',
};

function resolve(node: FromNode, ctx: EsqlContext) {
  const patterns = node.indices.flatMap((i) => i.pattern.split(',').map((p) => p.trim()).filter(Boolean));
  const { indices, missing } = ctx.catalog.resolve(patterns);
  return { patterns, indices, missing };
}

function sourceColumns(indices: string[], ctx: EsqlContext): SourceColumn[] {
  return mergeColumns(indices.map((i) => mappedColumns(ctx.catalog.mapping(i))));
}

function metadataColumns(node: FromNode): Column[] {
  return node.metadata.filter((m) => m.name in METADATA).map((m) => ({ name: m.name, type: METADATA[m.name] }));
}

export const from: EsqlCommand<FromNode> = {
  name: 'FROM', syntax: 'FROM index_pattern [METADATA fields]', doc: 'Reads the documents of indices, data streams or aliases.',
  columnsAfter: (node, _columns, ctx) => {
    const fields = sourceColumns(resolve(node, ctx).indices, ctx).map(({ name, type }) => ({ name, type }));
    const meta = metadataColumns(node);
    return [...fields.filter((f) => !meta.some((m) => m.name === f.name)), ...meta];
  },
  validate: (node, _columns, ctx) => {
    const errors: EsqlMessage[] = [];
    const { patterns, indices, missing } = resolve(node, ctx);
    if (missing.length) errors.push(verification(`Unknown index [${missing.join(',')}]`, node.indices[0].span.from));
    else if (indices.length === 0) errors.push(verification(`Unknown index [${patterns.join(',')}]`, node.indices[0].span.from));
    for (const m of node.metadata) {
      if (!(m.name in METADATA)) errors.push(verification(`unsupported metadata field [${m.name}]`, m.span.from));
    }
    return errors;
  },
  execute: (node, _table, ctx) => {
    const { indices } = resolve(node, ctx);
    const fields = sourceColumns(indices, ctx);
    const meta = metadataColumns(node);
    const kept = fields.filter((f) => !meta.some((m) => m.name === f.name));
    const rows: Cell[][] = [];
    for (const index of indices) {
      // a field only another index maps is not indexed here, so it reads as null
      const mapped = new Set(mappedColumns(ctx.catalog.mapping(index)).map((c) => c.name));
      const properties = ctx.catalog.mapping(index);
      const metaValue = (name: string, doc: { id: string; source: Record<string, unknown> }): Cell => {
        switch (name) {
          case '_id': return doc.id;
          case '_index': return index;
          case '_version': return 1;
          case '_ignored': return toCell(ignoredFields(properties, doc.source));
          // kept as JSON text in the table; the response renders it as the object
          case '_source': return JSON.stringify(doc.source);
          default: return null;
        }
      };
      const read = kept.map((c) => mapped.has(c.name));
      // plain loops: this runs for every cell FROM reads
      for (const doc of ctx.catalog.documents(index)) {
        const row: Cell[] = new Array<Cell>(kept.length + meta.length);
        let loaded = 0;
        for (let i = 0; i < kept.length; i++) {
          const cell = read[i] ? readCell(doc.source, kept[i], doc.sourceText) : null;
          row[i] = cell;
          if (cell !== null) loaded += Array.isArray(cell) ? cell.length : 1;
        }
        for (let j = 0; j < meta.length; j++) row[kept.length + j] = metaValue(meta[j].name, doc);
        ctx.read.documentsFound += 1;
        ctx.read.valuesLoaded += loaded;
        rows.push(row);
      }
    }
    return { columns: [...kept.map(({ name, type }) => ({ name, type })), ...meta], rows };
  },
};
