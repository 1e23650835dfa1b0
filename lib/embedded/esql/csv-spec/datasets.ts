/**
 * Loads the csv-spec datasets (employees, sample_data) from the shared conformance folder into a
 * MemoryCatalog, the way Elasticsearch's CsvTestsDataLoader loads them (README §6).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MappingProperties } from '../catalog';
import { MemoryCatalog } from '../testing/memory-catalog';
import { splitCells } from './spec-file';

/** The folder holding the csv-spec files, datasets and mappings. */
export const SPEC_ROOT = join(process.cwd(), '..', 'shared', 'conformance', 'elasticsearch', 'x-pack', 'plugin', 'esql', 'qa', 'testFixtures', 'src', 'main', 'resources');

function cellValue(text: string, type: string): unknown {
  if (type === 'integer' || type === 'long' || type === 'double' || type === 'short' || type === 'byte' || type === 'float') return Number(text);
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

/** A catalog with `employees` and `sample_data` loaded. */
export function loadDatasets(): MemoryCatalog {
  const catalog = new MemoryCatalog();
  const mapping = JSON.parse(readFileSync(join(SPEC_ROOT, 'index', 'mappings', 'mapping-default.json'), 'utf8')) as { properties: MappingProperties };
  catalog.add('employees', mapping.properties, readDataset(readFileSync(join(SPEC_ROOT, 'data', 'employees.csv'), 'utf8')).docs);
  const sample = readDataset(readFileSync(join(SPEC_ROOT, 'data', 'sample_data.csv'), 'utf8'));
  const sampleMapping: MappingProperties = Object.fromEntries(sample.schema.map((c) => [c.name, { type: c.type }]));
  catalog.add('sample_data', sampleMapping, sample.docs);
  return catalog;
}
