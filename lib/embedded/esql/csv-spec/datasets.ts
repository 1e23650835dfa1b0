/**
 * The csv-spec datasets (README §6 of the conformance folder) as the conformance runner loads them through
 * the client: each index's mapping and its documents, the way Elasticsearch's CsvTestsDataLoader reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MappingProperties } from '../catalog';
import { splitCells } from './spec-file';

/** Where csv-spec files, datasets and mappings sit in a folder laid out like Elasticsearch's repository. */
export const CSV_SPEC_SUBDIR = path.join('x-pack', 'plugin', 'esql', 'qa', 'testFixtures', 'src', 'main', 'resources');

/** The datasets the runner knows: index, data file and mapping file (undefined: built from the CSV header). */
const DATASETS = [
  { index: 'employees', data: 'employees.csv', mapping: 'mapping-default.json' },
  // The only published mapping-sample_data.json is stale (README §6), so the header's types are the mapping.
  { index: 'sample_data', data: 'sample_data.csv', mapping: undefined },
] as const;

/** One dataset ready to load: its mapping and its documents (with `_id` when the CSV has that column). */
export interface Dataset {
  index: string;
  properties: MappingProperties;
  docs: { id?: string; source: Record<string, unknown> }[];
}

/**
 * A numeric cell, which the document holds as the CSV spells it (`-3.90`), as Elasticsearch's loader
 * writes it: a keyword multi-field of the field indexes that text. Anything else sees its number.
 */
export class CsvNumber {
  constructor(readonly text: string) {}
  toJSON(): number { return Number(this.text); }
}

/** A JSON number as JSON allows it to be written. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** JSON text of a document, with each CsvNumber as written when JSON allows that spelling. */
function sourceText(value: unknown): string {
  if (value instanceof CsvNumber) return JSON_NUMBER.test(value.text) ? value.text : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sourceText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${sourceText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function cellValue(text: string, type: string): unknown {
  if (type === 'integer' || type === 'long' || type === 'double' || type === 'short' || type === 'byte' || type === 'float') return new CsvNumber(text);
  if (type === 'boolean') return text.toLowerCase() === 'true';
  return text;
}

/** Documents of a dataset CSV; dotted (sub-field) columns are left out, as `.noSubfields()` does. */
export function readDataset(text: string): { docs: Record<string, unknown>[]; schema: { name: string; type: string }[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
  const schema = splitCells(lines[0], ',').map((h) => { const [name, type] = h.split(':').map((s) => s.trim()); return { name, type }; });
  const docs = lines.slice(1).map((line) => {
    const cells = splitCells(line, ',', true);
    const doc: Record<string, unknown> = {};
    schema.forEach((col, i) => {
      const raw = (cells[i] ?? '').trim();
      if (raw === '' || raw === '[]' || col.name.includes('.')) return;
      if (raw.startsWith('[') && raw.endsWith(']')) doc[col.name] = splitCells(raw.slice(1, -1), ',').map((v) => cellValue(v, col.type));
      else doc[col.name] = cellValue(raw.replace(/\\,/g, ','), col.type);
    });
    return doc;
  });
  return { docs, schema };
}

/** The first of `names` under `root/<subdir>` that exists; newer layouts use data/ and index/mappings/, older ones neither. */
function findFile(root: string, subdirs: string[], name: string): string | undefined {
  return subdirs.map((d) => path.join(root, d, name)).find((f) => fs.existsSync(f));
}

/** The datasets whose data file is present under `root` (the csv-spec folder), read and ready to load. */
export function readDatasets(root: string): Dataset[] {
  const out: Dataset[] = [];
  for (const spec of DATASETS) {
    const dataFile = findFile(root, ['data', '.'], spec.data);
    if (!dataFile) continue;
    const { docs, schema } = readDataset(fs.readFileSync(dataFile, 'utf8'));
    const mappingFile = spec.mapping && findFile(root, [path.join('index', 'mappings'), '.'], spec.mapping);
    if (spec.mapping && !mappingFile) continue;
    const properties: MappingProperties = mappingFile
      ? (JSON.parse(fs.readFileSync(mappingFile, 'utf8')) as { properties: MappingProperties }).properties
      : Object.fromEntries(schema.filter((c) => !c.name.includes('.')).map((c) => [c.name, { type: c.type }]));
    out.push({
      index: spec.index, properties,
      docs: docs.map(({ _id, ...source }) => ({ ...(typeof _id === 'string' ? { id: _id } : {}), source })),
    });
  }
  return out;
}

/** The `_bulk` NDJSON body that indexes every document of `dataset`. */
export function bulkBody(dataset: Dataset): string {
  return dataset.docs.map((d) => `${JSON.stringify({ index: { _index: dataset.index, ...(d.id ? { _id: d.id } : {}) } })}\n${sourceText(d.source)}\n`).join('');
}
