// CAPI2 chain-building errors (Operational channel, off by default): 11 build chain, 30 chain
// policy, 41 revocation, 53 URL retrieval at Level 2. Unreachable CRLs or an untrusted root crash
// the SCEP pool or fail requests (S-DEV2NDES cause 2, SEED-D2N, X-CAPI2, S-CARENEW, S-RENEW).
import { defineRule } from '../../engine/define-rule';
import type { Decoded } from '../../model';
import type { EventRecord } from '../../parse/event-xml';
import {
  byProvider,
  eventText,
  groupEvents,
  inWindow,
  eventFacts,
} from '../../engine/computed/events';
import { fill } from '../../engine/computed/text';
import { decodeHresult, findHresult } from '../../decode/hresult';

const strings = {
  title: 'No certificate chain or revocation errors (CAPI2)',
  failureTitle: 'CAPI2 logged certificate chain or revocation errors',
  why: 'When Windows cannot build or check a certificate chain (untrusted root, expired certificate, CRL not reachable), the SCEP pool can crash and requests fail.',
  fix: 'Enable the log only to reproduce the problem: wevtutil sl Microsoft-Windows-CAPI2/Operational /e:true, reproduce, then export. Open the firewall and proxy to the CDP/AIA URLs, and republish the CRLs. Test with certutil -verify -urlfetch <cert.cer>. Disable the log afterwards. Reboot: no.',
  failed:
    'CAPI2 logged {count} chain or revocation errors (IDs {ids}) in the 14 days before collection, the last at {last}.',
  passed:
    'CAPI2 logged no chain or revocation error in the 14 days before collection; the channel is off by default, so this may only mean logging was disabled.',
  notApplicable: 'The CAPI2 Operational channel does not exist on this host.',
};

const CHAIN_IDS = [11, 30, 41, 53];

const fullText = (e: EventRecord) => `${eventText(e)} ${e.message ?? ''}`;

/** HRESULTs in CAPI2 text are often written without `0x` (`800B0109`). */
function codeOf(e: EventRecord): string | null {
  const text = fullText(e);
  const bare = /\b(8[0-9a-f]{7})\b/i.exec(text)?.[1];
  return findHresult(text) ?? (bare ? `0x${bare}` : null);
}

export default defineRule({
  meta: {
    id: 'capi2-chain-errors',
    step: 'device-to-ndes',
    severity: 'medium',
    requiredEvidence: ['eventsCapi2'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ eventsCapi2: capi2 }, ctx) => {
    if (capi2.state === 'absent' || !capi2.value)
      return { status: 'not-applicable', summary: strings.notApplicable };
    const errors = inWindow(
      byProvider(capi2.value, 'Microsoft-Windows-CAPI2', CHAIN_IDS).filter((e) => e.level === 2),
      ctx.windowFromMs,
      ctx.nowMs,
    );
    if (errors.length === 0) return { status: 'pass', summary: strings.passed };
    const decoded = new Map<string, Decoded>();
    for (const e of errors) {
      const code = codeOf(e);
      const d = code ? decodeHresult(code) : null;
      if (d)
        decoded.set(d.raw, {
          raw: d.raw,
          meaning: d.meaning,
          ...(d.checkId ? { checkId: d.checkId } : {}),
        });
    }
    const facts = eventFacts(errors);
    return {
      status: 'warn',
      summary: fill(strings.failed, facts),
      evidence: groupEvents(capi2.path, errors, (e) => codeOf(e) ?? ''),
      decoded: [...decoded.values()],
    };
  },
});
