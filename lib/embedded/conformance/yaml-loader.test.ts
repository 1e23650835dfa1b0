import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlDocuments, toJsonText } from './yaml-loader';

async function bodyText(yaml: string): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escript-yaml-')), 'case.yml');
  fs.writeFileSync(file, yaml);
  try {
    return toJsonText((await loadYamlDocuments([file])).get(file)?.[0]);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe('YAML values sent as JSON', () => {
  it.each([
    ['params: ["1", 2.0, null, true, 123]', '{"params":["1",2.0,null,true,123]}'],
    ['x: 1.5', '{"x":1.5}'],
    ['x: 1e3', '{"x":1000.0}'],
    ['when: 2024-01-01', '{"when":"2024-01-01"}'],
    ['q: "a \\"b\\""', '{"q":"a \\"b\\""}'],
  ])('%s → %s', async (yaml, json) => expect(await bodyText(yaml)).toBe(json));
});

describe('lenient YAML', () => {
  it('reads a multi-line flow mapping no more indented than its block parent, as SnakeYAML does', async () => {
    const yaml = '- match: {values.0: {\n  "a" : 1,\n  "b" : "x"\n}}\n- match: {c: 2}\n';
    expect(await bodyText(yaml)).toBe('[{"match":{"values.0":{"a":1,"b":"x"}}},{"match":{"c":2}}]');
  });
});
