// SCEP pool crashes: WAS 5009/5002 naming the pool (System log) and Application Error 1000 of
// w3wp.exe, which cannot be tied to a pool because every pool runs w3wp.exe. Crashes give HTTP 503
// after the first request (S-DEV2NDES causes 1–4, SEED-D2N, S-CRP500, memdocs PR #21).
import { defineRule } from '../../engine/define-rule';
import type { ArtifactEvidence, Decoded, EvidenceItem } from '../../model';
import type { EventRecord } from '../../parse/event-xml';
import { byProvider, eventData, groupEvents, inWindow } from '../../engine/computed/events';
import { scepSite } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';
import { decodeHresult } from '../../decode/hresult';

const strings = {
  title: 'The SCEP application pool does not crash',
  failureTitle: 'The SCEP application pool crashes',
  why: 'A crashing SCEP pool answers HTTP 503 after the first request; WAS disables it after repeated failures (event 5002).',
  fix: 'By cause: root-store-intermediates; CRL URLs reachable (capi2-chain-errors); crp-authentication; the legacy NDESPolicy certificate (connector-client-cert-valid); legacy: Write on C:\\Windows\\Temp for the CRP pool identity (S-CRP500). Then appcmd start apppool /apppool.name:SCEP. Reboot: yes after Root-store or CRP-authentication changes; otherwise no.',
  failed:
    'In the 14 days before collection, WAS logged {was} failures of the {pool} application pool and the Application log holds {crashes} w3wp.exe crashes (not attributable to a pool).',
  passed:
    'No WAS failure of the {pool} application pool and no w3wp.exe crash was logged in the 14 days before collection.',
  unavailable:
    'No crash was found in the readable logs, but these event logs could not be read: {files}.',
  unattributed:
    'The Application Error 1000 events of w3wp.exe are unattributed: every application pool runs w3wp.exe, so some may come from another pool.',
};

const WAS = 'Microsoft-Windows-WAS';
const namesPool = (pool: string) => (e: EventRecord) =>
  e.data.some((d) => d.value.trim().toLowerCase() === pool.toLowerCase());
const exitCode = (e: EventRecord) => eventData(e, 'ExitCode') ?? eventData(e, 2) ?? '';
const exception = (e: EventRecord) => eventData(e, 'ExceptionCode') ?? eventData(e, 6) ?? '';
const isW3wp = (e: EventRecord) =>
  (eventData(e, 'AppName') ?? eventData(e, 0) ?? '').trim().toLowerCase() === 'w3wp.exe';

function decodeCode(raw: string): Decoded | null {
  const t = raw.trim();
  const d = decodeHresult(/^[0-9a-f]{1,8}$/i.test(t) && /[a-f]/i.test(t) ? `0x${t}` : t);
  return d
    ? { raw: d.raw, meaning: d.meaning, ...(d.checkId ? { checkId: d.checkId } : {}) }
    : null;
}

export default defineRule({
  meta: {
    id: 'scep-apppool-crashes',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: [],
    optionalEvidence: ['eventsSystem', 'eventsApplication', 'iisConfig'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ eventsSystem: sys, eventsApplication: app, iisConfig }, ctx) => {
    const site = scepSite({ iisConfig });
    const pool = site?.pool?.name ?? site?.app.applicationPool ?? 'SCEP';
    const recent = (events: EventRecord[] | undefined, provider: string, ids: number[]) =>
      inWindow(byProvider(events ?? [], provider, ids), ctx.windowFromMs, ctx.nowMs);
    const sysOk = sys.state === 'ok' && sys.value !== undefined;
    const appOk = app.state === 'ok' && app.value !== undefined;
    const was = recent(sysOk ? sys.value : [], WAS, [5009, 5002]).filter(namesPool(pool));
    const was5011 = recent(sysOk ? sys.value : [], WAS, [5011]).filter(namesPool(pool));
    const crashes = recent(appOk ? app.value : [], 'Application Error', [1000]).filter(isW3wp);
    const evidence: EvidenceItem[] = [
      ...groupEvents(sys.path, was, exitCode),
      ...(crashes.length > 0 ? [{ kind: 'text' as const, text: strings.unattributed }] : []),
      ...groupEvents(
        app.path,
        crashes,
        (e) => `${exception(e)} ${eventData(e, 'ModuleName') ?? eventData(e, 3) ?? ''}`,
      ),
      ...groupEvents(sys.path, was5011, () => ''),
    ];
    if (was.length > 0 || crashes.length > 0) {
      const codes = [...new Set([...was.map(exitCode), ...crashes.map(exception)])];
      const decoded = codes.map(decodeCode).filter((d): d is Decoded => d !== null);
      const summary = fill(strings.failed, { was: was.length, pool, crashes: crashes.length });
      return { status: 'fail', summary, evidence, decoded };
    }
    const unread: ArtifactEvidence[] = [sys, app]
      .filter((ev) => ev.state !== 'ok')
      .map((ev) => ({
        kind: 'artifact',
        file: ev.path,
        state: ev.state,
        ...(ev.error ? { error: ev.error } : {}),
      }));
    if (unread.length > 0) {
      const files = unread.map((u) => u.file).join(', ');
      return { status: 'unknown', summary: fill(strings.unavailable, { files }), evidence: unread };
    }
    return { status: 'pass', summary: fill(strings.passed, { pool }), evidence };
  },
});
