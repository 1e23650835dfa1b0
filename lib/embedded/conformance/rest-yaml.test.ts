import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../elasticsearch/index';
import { runSection, SectionOutcome } from './rest-yaml';
import { readSkipList, sectionsOf, yamlTestFiles } from './rest-yaml-suite';
import { loadYamlDocuments } from './yaml-loader';

// Elasticsearch's REST YAML tests against the embedded engine, through the real client. Sections listed in
// rest-yaml-skip.txt are expected to fail (unsupported features); one that starts passing must be removed.
const files = yamlTestFiles();
const parsed = files.length > 0 ? await loadYamlDocuments(files.map((f) => f.file)) : undefined;
const skipList = readSkipList(path.join(import.meta.dirname, 'rest-yaml-skip.txt'));

async function outcome(steps: Record<string, unknown>[]): Promise<{ kind: 'pass' | 'skip' | 'fail'; message: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-yaml-'));
  const client = await createClient({ dataDir });
  try {
    await runSection(client, steps);
    return { kind: 'pass', message: '' };
  } catch (e) {
    return { kind: e instanceof SectionOutcome ? e.kind : 'fail', message: (e as Error).message };
  } finally {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe.skipIf(!parsed)('Elasticsearch REST YAML conformance', () => {
  for (const { file, id } of files) {
    for (const section of sectionsOf(parsed?.get(file) ?? [])) {
      const key = `${id} :: ${section.name}`;
      it(key, async () => {
        const result = await outcome(section.steps);
        if (skipList.has(key)) {
          expect(result.kind, `${key} passes now: remove it from rest-yaml-skip.txt`).not.toBe('pass');
        } else {
          if (result.kind === 'fail') throw new Error(result.message);
        }
      });
    }
  }
});
