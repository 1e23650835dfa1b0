/**
 * Several processes writing to one data directory at once, each with its WAL checkpoint thread running
 * (ARCHITECTURE decision 19: it starts once a store's WAL reaches 1 MB, which these writers pass early):
 * every acknowledged write is there afterwards, the file is sound, and no process reported a checkpoint
 * problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escript } from '../cluster/processes';
import { tempDirsFor } from '../support/temp-dirs';
import { expectSoundStore } from './sound-store';

const WRITERS = 3;
const DOCS_EACH = 400;

const tempDir = tempDirsFor('escript-shared-writers-');

/** A script writing DOCS_EACH documents of about 4 KB, one commit each, with ids of its own. */
const writer = (name: string) => `VAR pad = 'x';
FOR k IN 1..12 LOOP SET pad = pad || pad; END LOOP;
FOR i IN 1..${DOCS_EACH} LOOP
  INDEX_DOCUMENT('shared', {"writer": '${name}', "i": i, "pad": pad}, '${name}-' || i);
END LOOP;
PRINT 'done';
`;

describe('processes sharing a data directory', () => {
  it('keep every write of each, with their checkpoint threads running at once', async () => {
    const dataDir = tempDir();
    const scripts = Array.from({ length: WRITERS }, (_, k) => {
      const file = path.join(tempDir(), `writer-${k}.es`);
      fs.writeFileSync(file, writer(`w${k}`));
      return file;
    });
    const runs = await Promise.all(scripts.map((file) => escript(['run', '--data', dataDir, file], { ELASTICSEARCH_URL: '' })));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.stdout.trim().split('\n').at(-1)).toBe('done');
    }

    expectSoundStore(dataDir);
    const counted = await escript(['query', '--json', '--data', dataDir, 'FROM shared | STATS c = COUNT(*), d = COUNT_DISTINCT(i) BY writer | SORT writer'], { ELASTICSEARCH_URL: '' });
    expect(counted.stderr).toBe('');
    expect((JSON.parse(counted.stdout) as { values: unknown[][] }).values)
      .toEqual(Array.from({ length: WRITERS }, (_, k) => [DOCS_EACH, DOCS_EACH, `w${k}`]));
  });
});
