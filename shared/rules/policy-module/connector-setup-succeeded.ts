// The legacy connector installer's verbose MSI log ends with "Installation success or error status:
// N."; a non-zero N means setup ended prematurely and the policy module may never have been
// registered (S-DEV2NDES, S-0014, S-SETUPEND, W-WHFB, IntuneDocs #1277).
import { defineRule } from '../../engine/define-rule';
import { fill } from '../../engine/computed/text';
import { decodeHresult } from '../../decode/hresult';
import type { CheckOutcome, Decoded, EvidenceItem } from '../../model';

const strings = {
  title: 'The connector setup succeeded',
  failureTitle: 'The connector setup failed',
  why: 'When connector setup fails ("setup wizard ended prematurely"), the policy module is not registered and the base URL serves the generic NDES page instead of 403.',
  fix: 'Fix the cause of the logged pattern: a v2-template client cert (0x80090014), the site renamed back to Default Web Site (0x80070002), or AD read access for the installer (0x80070005). Then run setup elevated, or uninstall and reinstall the connector. Reboot: no.',
  notApplicable: 'SetupMsi.log is absent: the legacy connector setup was not run on this host.',
  noStatus:
    'SetupMsi.log has no "Installation success or error status" line, so its result is unknown.',
  passed: 'The last connector setup in SetupMsi.log ended with status 0 (success).',
  failed: 'The last connector setup in SetupMsi.log ended with status {status}.',
  engineStatus:
    'No "Installation success or error status" line was found (a localized log); the result was read from "MainEngineThread is returning {status}".',
  statusCaption: 'Setup result',
  patternCaption: 'Custom action errors',
};

const STATUS = /Installation success or error status:\s*(-?\d+)/i;
// MSI's internal trace line is not localized, unlike the status message above.
const ENGINE = /MainEngineThread is returning\s+(\d+)/i;
const ACTION_CODE = /CustomAction\s+(\S+)\s+returned actual error code\s+(\d+)/i;
const ACTION_HRESULT = /\b(\w+):\s+Error\s+(0x[0-9a-f]{8})\b/i;

function lastMatch(lines: readonly string[], re: RegExp): { index: number; status: number } | null {
  const index = lines.findLastIndex((l) => re.test(l));
  const m = index < 0 ? null : re.exec(lines[index] ?? '');
  return m ? { index, status: Number(m[1]) } : null;
}

export default defineRule({
  meta: {
    id: 'connector-setup-succeeded',
    step: 'policy-module',
    severity: 'medium',
    requiredEvidence: ['setupMsiLog'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ setupMsiLog: log }): CheckOutcome => {
    if (log.state === 'absent' || !log.value)
      return { status: 'not-applicable', summary: strings.notApplicable };
    const lines = log.value.parsed;
    const byStatus = lastMatch(lines, STATUS);
    const result = byStatus ?? lastMatch(lines, ENGINE);
    const decoded = new Map<string, Decoded>();
    const patternLines: number[] = [];
    lines.forEach((text, i) => {
      const m = ACTION_CODE.exec(text) ?? ACTION_HRESULT.exec(text);
      const d = m?.[2] ? decodeHresult(m[2]) : null;
      if (!m || !d) return;
      patternLines.push(i);
      const raw = `${m[1]} ${d.raw}`;
      decoded.set(raw, { raw, meaning: d.meaning, ...(d.checkId ? { checkId: d.checkId } : {}) });
    });
    const at = (idx: number[]) =>
      idx.slice(0, 20).map((i) => ({ line: i + 1, text: lines[i] ?? '' }));
    const evidence: EvidenceItem[] = [];
    if (result)
      evidence.push({
        kind: 'logLines',
        file: log.path,
        lines: at([result.index]),
        caption: strings.statusCaption,
      });
    if (patternLines.length > 0)
      evidence.push({
        kind: 'logLines',
        file: log.path,
        lines: at(patternLines),
        total: patternLines.length,
        caption: strings.patternCaption,
      });
    if (result && !byStatus)
      evidence.push({ kind: 'text', text: fill(strings.engineStatus, { status: result.status }) });
    const code = result && result.status !== 0 ? decodeHresult(result.status) : null;
    if (code)
      decoded.set(`status ${code.raw}`, { raw: `status ${code.raw}`, meaning: code.meaning });
    const details = { evidence, decoded: [...decoded.values()] };
    if (!result) return { status: 'unknown', summary: strings.noStatus, ...details };
    if (result.status === 0) return { status: 'pass', summary: strings.passed, ...details };
    return { status: 'fail', summary: fill(strings.failed, { status: result.status }), ...details };
  },
});
