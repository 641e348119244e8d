// A template named in MSCEP must be published on the issuing CA ("Certificate Template to Issue"),
// or the CA rejects every request with 0x80094800 and NDES logs event 31 (T-ODC, S-4800). Checked
// against `certutil -config <CAInfo> -CATemplates`, matched on the name before the first colon.
import { defineRule } from '../../engine/define-rule';
import {
  codeLabel,
  configuredTemplates,
  decodedCode,
  mscepTemplates,
  outputLines,
  sameName,
} from '../../engine/computed/ca';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, Decoded, EvidenceItem } from '../../model';

const strings = {
  title: 'The MSCEP templates are published on the CA',
  failureTitle: 'An MSCEP template is not published on the CA',
  why: 'The CA only issues templates it publishes; a template NDES asks for that the CA does not offer fails every request with 0x80094800 (NDES event 31).',
  fix: 'On the issuing CA, Certification Authority console → Certificate Templates → New → Certificate Template to Issue. Also check that the service account has Read and Enroll on the template (otherwise NDES event 6). Reboot: no.',
  notApplicable:
    'No MSCEP template value names a template other than the default IPSECIntermediateOffline, so there is nothing to look up on the CA (see mscep-templates-configured).',
  notRead:
    'The CA template list ({file}) is {state}, so it is unknown whether the CA publishes {templates}.',
  exitFailed:
    'certutil -CATemplates exited with {code}, so the CA template list is unusable and it is unknown whether the CA publishes {templates}.',
  noExitCode:
    'The manifest records no exit code for certutil -CATemplates, so its list cannot be trusted to be complete.',
  missing: 'The CA does not publish the template {value} named in the MSCEP value {slot}.',
  ok: 'The CA publishes every template named in MSCEP: {templates}.',
  tableCaption: 'Templates the CA publishes (certutil -CATemplates)',
  linesCaption: 'Matching lines of certutil -CATemplates',
};

export default defineRule({
  meta: {
    id: 'mscep-templates-published',
    step: 'ndes-to-ca',
    severity: 'critical',
    requiredEvidence: ['regMscep'],
    optionalEvidence: ['caTemplates'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regMscep, caTemplates: ca }): CheckOutcome => {
    const wanted = configuredTemplates(mscepTemplates(regMscep));
    const evidence: EvidenceItem[] = wanted.map((t) => t.evidence);
    if (wanted.length === 0) {
      return { status: 'not-applicable', summary: strings.notApplicable, evidence };
    }
    const templates = [...new Set(wanted.map((t) => t.value ?? ''))].join(', ');
    if (ca.state !== 'ok' || !ca.value) {
      const file = ca.path;
      evidence.push({ kind: 'artifact', file, state: ca.state, error: ca.error });
      return {
        status: 'unknown',
        summary: fill(strings.notRead, { file, state: ca.state, templates }),
        evidence,
      };
    }
    if (ca.exitCode === undefined) {
      return { status: 'unknown', summary: strings.noExitCode, evidence };
    }
    if (ca.exitCode !== 0) {
      const lines = outputLines(ca.value.text).slice(0, 20);
      evidence.push({ kind: 'logLines', file: ca.path, lines });
      const d = decodedCode(ca.exitCode);
      const decoded: Decoded[] = d ? [d] : [];
      const code = codeLabel(ca.exitCode);
      return {
        status: 'unknown',
        summary: fill(strings.exitFailed, { code, templates }),
        evidence,
        decoded,
      };
    }
    const published = ca.value.parsed;
    const found = wanted.map((t) => ({
      t,
      row: published.find((p) => sameName(p.name, t.value ?? '')),
    }));
    const rows = new Set(found.flatMap((f) => (f.row ? [f.row.line] : [])));
    if (rows.size > 0) {
      evidence.push({
        kind: 'logLines',
        file: ca.path,
        caption: strings.linesCaption,
        lines: outputLines(ca.value.text, (n) => rows.has(n)),
      });
    }
    const missing = found.filter((f) => !f.row).map((f) => f.t);
    if (missing.length === 0) {
      return { status: 'pass', summary: fill(strings.ok, { templates }), evidence };
    }
    const problems = missing.map((t) =>
      fill(strings.missing, { value: t.value ?? '', slot: t.slot }),
    );
    evidence.unshift(...problems.slice(1).map((text): EvidenceItem => ({ kind: 'text', text })));
    evidence.push({
      kind: 'table',
      caption: strings.tableCaption,
      headers: ['Name', 'Display name', 'Line'],
      rows: published.map((p) => [p.name, p.displayName, String(p.line)]),
    });
    const decoded = [decodedCode(0x80094800)].filter((x): x is Decoded => x !== null);
    return { status: 'fail', summary: problems[0] ?? '', evidence, decoded };
  },
});
