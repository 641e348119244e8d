import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../../../helpers/paths';
import { IIS_STATUS_TABLE } from '../../../../shared/decode/iis-status';
import { HTTPERR_REASON_TABLE } from '../../../../shared/decode/httperr-reason';
import { HRESULT_TABLE } from '../../../../shared/decode/hresult';
import { NDES_EVENT_TABLE } from '../../../../shared/decode/ndes-events';
import {
  CONNECTOR_EVENT_TABLE,
  DIAGNOSTIC_CODE_TABLE,
  LEGACY_CONNECTOR_EVENT_TABLE,
} from '../../../../shared/decode/connector-events';
import { WINDOWS_EVENT_TABLE } from '../../../../shared/decode/windows-events';

const checks = new Set(
  readFileSync(path.resolve(REPO, '..', 'shared', 'CHECKS.md'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('### ') && !/^### \d/.test(l))
    .map((l) => l.slice(4).trim()),
);

const rows: { checkId?: string; relatedCheckIds?: readonly string[]; meaning: string }[] = [
  ...IIS_STATUS_TABLE,
  ...HTTPERR_REASON_TABLE,
  ...HRESULT_TABLE,
  ...NDES_EVENT_TABLE,
  ...LEGACY_CONNECTOR_EVENT_TABLE,
  ...DIAGNOSTIC_CODE_TABLE,
  ...CONNECTOR_EVENT_TABLE,
  ...WINDOWS_EVENT_TABLE,
];

describe('decoding tables', () => {
  it('reads the check list from CHECKS.md', () => {
    expect(checks.has('mscep-impersonation-500')).toBe(true);
    expect(checks.size).toBeGreaterThan(50);
  });

  it('point only at checks that exist in CHECKS.md', () => {
    for (const r of rows) {
      for (const id of [r.checkId, ...(r.relatedCheckIds ?? [])]) {
        if (id !== undefined) expect(checks, id).toContain(id);
      }
    }
  });

  it('hold each meaning as one complete English sentence', () => {
    for (const r of rows) {
      expect(r.meaning, r.meaning).toMatch(/^\S.*\.$/);
      expect(r.meaning, r.meaning).not.toMatch(/\.\s+[A-Z]/);
    }
  });
});
