// `certutil -config <CAInfo> -ping` run on the NDES server tests the RPC/DCOM path to the CA's
// ICertRequest interface that NDES submits through; a failure is event 31 "(0x800706ba) The RPC
// server is unavailable" for every device (X-GRAD, S-PKCS, T-PSPKI). Judged by the exit code only.
import { defineRule } from '../../engine/define-rule';
import { caInfo, codeLabel, decodedCode, outputLines } from '../../engine/computed/ca';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, Decoded, EvidenceItem } from '../../model';

const strings = {
  title: 'The CA answers NDES (certutil -ping)',
  failureTitle: 'NDES cannot reach the CA',
  why: 'NDES submits each request to the CA over RPC/DCOM; when the CA cannot be reached, every request fails with event 31 (0x800706ba, the RPC server is unavailable).',
  fix: 'From NDES, run certutil -config "<CAInfo>" -ping. On the CA, net start certsvc. Allow RPC/DCOM between NDES and the CA. After CA-side DCOM hardening (CVE-2021-26414), patch NDES too (secondary source). Reboot: no.',
  notRun: 'certutil -ping did not run ({file} is {state}), so CA reachability is unknown.',
  noExitCode:
    'The manifest records no exit code for certutil -ping, so CA reachability cannot be judged.',
  failed: 'certutil -ping to {ca} failed with exit code {code}.',
  ok: 'certutil -ping to {ca} succeeded (exit code 0).',
  theCa: 'the configured CA',
  caption: 'certutil -ping output',
};

export default defineRule({
  meta: {
    id: 'ca-reachable',
    step: 'ndes-to-ca',
    severity: 'critical',
    requiredEvidence: ['certutilPing'],
    optionalEvidence: ['regMscep'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ certutilPing: ping, regMscep }): CheckOutcome => {
    const evidence: EvidenceItem[] = [];
    const info = regMscep.state === 'ok' ? caInfo(regMscep) : null;
    if (info) evidence.push(info.evidence);
    if (ping.state !== 'ok' || !ping.value) {
      evidence.push({ kind: 'artifact', file: ping.path, state: ping.state, error: ping.error });
      return {
        status: 'unknown',
        summary: fill(strings.notRun, { file: ping.path, state: ping.state }),
        evidence,
      };
    }
    const lines = outputLines(ping.value.text);
    evidence.unshift({
      kind: 'logLines',
      file: ping.path,
      caption: strings.caption,
      lines: lines.slice(0, 20),
      total: lines.length,
    });
    const ca = info?.config?.raw ?? ping.value.parsed.server ?? strings.theCa;
    if (ping.exitCode === undefined) {
      return { status: 'unknown', summary: strings.noExitCode, evidence };
    }
    if (ping.exitCode === 0) return { status: 'pass', summary: fill(strings.ok, { ca }), evidence };
    const d = decodedCode(ping.exitCode);
    const decoded: Decoded[] = d ? [d] : [];
    const code = codeLabel(ping.exitCode);
    return { status: 'fail', summary: fill(strings.failed, { ca, code }), evidence, decoded };
  },
});
