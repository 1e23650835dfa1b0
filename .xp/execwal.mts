import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import Database from 'better-sqlite3';
import { closeService, configureService, runScript, waitForRun } from '/work/main/lib/service';
process.env.ESCRIPT_CHECKPOINT_THREAD = '0';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'execwal-'));
configureService({ dataDir: path.join(dir, 'store') });
await runScript({ source: `CREATE OR REPLACE PROCEDURE bench_noop(i NUMBER) BEGIN RETURN i; END PROCEDURE;
CREATE OR REPLACE PROCEDURE bench_done(r ANY) BEGIN RETURN r; END PROCEDURE;` });
const loop = (n: number, from: number) => `FOR i IN ${from}..${from + n - 1} LOOP bench_noop(i) | ON_DONE bench_done(@result) | TRACK AS 'bench-' || i; END LOOP;`;
let run = await runScript({ source: loop(2000, 1) }); await waitForRun(run.runId);
const db = new Database(path.join(dir, 'store', 'store.sqlite'));
db.pragma('wal_checkpoint(TRUNCATE)');
run = await runScript({ source: loop(60, 5000) }); await waitForRun(run.runId);
const wal = fs.readFileSync(path.join(dir, 'store', 'store.sqlite-wal'));
const pageSize = wal.readUInt32BE(8);
const names = new Map<number, string>();
for (const row of db.prepare('SELECT name, pageno FROM dbstat').all() as any[]) names.set(row.pageno, row.name);
console.log(db.prepare("SELECT name, sql FROM sqlite_schema WHERE type='index' AND name LIKE 'ax%'").all());
const perCommit: number[] = []; const byName = new Map<string, number>(); let n = 0;
for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
  const page = wal.readUInt32BE(off); const commit = wal.readUInt32BE(off + 4); n++;
  const nm = names.get(page) ?? `?${page}`; byName.set(nm, (byName.get(nm) ?? 0) + 1);
  if (commit) { perCommit.push(n); n = 0; }
}
console.log('commits', perCommit.length, 'frames/commit', (perCommit.reduce((a, b) => a + b, 0) / perCommit.length).toFixed(2));
console.log([...byName].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${(v / perCommit.length).toFixed(2)}`).join('\n'));
db.close(); await closeService();
