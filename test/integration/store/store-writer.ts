// Child process of the store integration tests: saves runs into a database and prints
// `saved <id>` after each commit, so the parent knows which runs must survive.
// Usage: node --import tsx store-writer.ts <db> <diagnosis.json> <count|forever> <host> <real|small>
import { readFileSync } from 'node:fs';
import { openStore } from '../../../main/store/db';
import type { Report, Snapshot } from '../../../shared/model';

const [db, json, countArg, host, size] = process.argv.slice(2);
if (!db || !json || !countArg || !host)
  throw new Error('usage: store-writer <db> <json> <count|forever> <host> [real|small]');
const d = JSON.parse(readFileSync(json, 'utf8')) as { report: Report; snapshot: Snapshot };
const report: Report = { ...d.report, host: { ...d.report.host, computerName: host } };
// `small` makes each save mostly SQLite work (not compression), so a kill lands mid-write.
const run =
  size === 'small'
    ? {
        report: { ...report, findings: report.findings.slice(0, 3) },
        snapshot: { schema: d.snapshot.schema, manifest: d.snapshot.manifest } as Snapshot,
      }
    : { report, snapshot: d.snapshot };
const store = openStore(db);
if (store.notice) process.stderr.write(`${store.notice}\n`);
const count = countArg === 'forever' ? Infinity : Number(countArg);
for (let i = 0; i < count; i++) {
  const { id } = store.saveRun({ ...run, durationMs: i });
  process.stdout.write(`saved ${id}\n`);
}
store.close();
