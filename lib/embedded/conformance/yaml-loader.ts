import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * Parses YAML streams (one file → its documents) for the conformance runners. The YAML 1.2 core schema
 * keeps timestamps as strings, as Elasticsearch's Java runner does.
 */
export async function loadYamlDocuments(files: string[]): Promise<Map<string, unknown[]>> {
  return new Map(files.map((f) => [f, parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS())]));
}
