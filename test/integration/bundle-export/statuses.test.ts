// Every fixture host, exported with each redaction mode, diagnoses to exactly the statuses of the
// original bundle: tokens stay consistent wherever the rules compare names across files.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_HOSTS } from '../../fixtures/hosts';
import { writeBundle } from '../../fixtures/lib/write-bundle';
import { openBundle } from '../../../main/acquire/bundle/reader';
import { exportBundle } from '../../../main/acquire/bundle/export';
import { diagnoseBundle } from '../../../main/analysis/diagnose';
import type { Report } from '../../../shared/model';

const root = mkdtempSync(path.join(tmpdir(), 'bundle-statuses-'));

function statuses(r: Report): Record<string, string> {
  return Object.fromEntries(r.findings.map((f) => [f.checkId, f.status]));
}

describe('redacted exports judge like the original', () => {
  it.each(FIXTURE_HOSTS.map((h) => [h.name, h] as const))(
    '%s',
    async (name, host) => {
      const dir = path.join(root, name);
      await writeBundle(host.spec, dir);
      const original = (await diagnoseBundle(dir)).report;
      for (const mode of ['pseudonymize', 'strict'] as const) {
        const b = await openBundle(dir);
        const res = await exportBundle({
          source: b,
          out: path.join(root, `${name}-${mode}.zip`),
          redact: mode,
          report: original,
        });
        await b.close();
        expect(res.statusChanges, `${name} ${mode}`).toEqual([]);
        const again = (await diagnoseBundle(res.out)).report;
        expect(statuses(again), `${name} ${mode}`).toEqual(statuses(original));
      }
    },
    120_000,
  );
});
