// The connector records its last successful contact with Intune in ConnectionStatus\LastConnectionTime
// (a host-local date whose format is undocumented); a stale value means requests are neither validated
// nor reported, and IssueDetails 0x80004003 means an unlicensed sign-in account (T-YZ2 CON05, S-80004003).
import { defineRule } from '../../engine/define-rule';
import { CONNECTOR, connectorPresence, parseHostTime } from '../../engine/computed/connector';
import type { ConnectorKind } from '../../engine/computed/connector';
import { regLookup } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import { decodeHresult, findHresult } from '../../decode/hresult';
import type { CheckOutcome, Decoded, EvidenceItem } from '../../model';

const strings = {
  title: 'The connector contacted Intune in the last 24 hours',
  failureTitle: 'The connector has not contacted Intune recently',
  why: 'A connector that cannot reach Intune neither validates challenges nor reports issued certificates, and the Intune admin center shows it in error.',
  fix: 'Restore outbound access (TLS 1.2, proxy, Intune endpoints) and restart the connector services. Reboot: no.',
  noConnector: 'No Intune connector is installed, so there is no connection to judge.',
  presenceUnknown:
    'Whether an Intune connector is installed cannot be told, because these sources could not be read: {files}.',
  missing:
    'The {connector} has no ConnectionStatus\\LastConnectionTime value, so its last connection is unknown.',
  unparsed:
    'LastConnectionTime "{value}" could not be read as a date (tried ISO-8601, FILETIME and the {culture} format).',
  future:
    'LastConnectionTime "{value}" reads as {utc}, after the collection time; the date format was probably misread.',
  passed: 'The {connector} last contacted Intune at {utc}, {hours} hour(s) before collection.',
  warned:
    'The {connector} last contacted Intune at {utc}, {hours} hours before collection (more than 24 hours).',
  failed:
    'The {connector} last contacted Intune at {utc}, {days} days before collection (more than 7 days).',
  noOffset: 'The collector did not record the host UTC offset; the local time was read as UTC.',
  unparsedNoCulture:
    'LastConnectionTime "{value}" could not be read as a date (tried ISO-8601 and FILETIME; the collector recorded no culture, so only unambiguous dates can be read).',
  unknownCulture: '(not recorded)',
  caption: 'How LastConnectionTime was read',
};

const HOUR = 3_600_000;
// A DST change since the value was written shifts the offset by an hour; allow it before "future".
const FUTURE_SLACK = 2 * HOUR;

export default defineRule({
  meta: {
    id: 'connector-recent-connection',
    step: 'reporting',
    severity: 'high',
    requiredEvidence: ['regIntune'],
    optionalEvidence: ['installedProducts', 'services'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regIntune, installedProducts, services }, ctx): CheckOutcome => {
    const presence = connectorPresence({ installedProducts, services, regIntune });
    const kind: ConnectorKind | null =
      presence.current === 'present' ? 'current' : presence.legacy === 'present' ? 'legacy' : null;
    if (!kind) {
      if (presence.current === 'absent' && presence.legacy === 'absent')
        return { status: 'not-applicable', summary: strings.noConnector };
      const files = presence.unreadable.join(', ');
      return { status: 'unknown', summary: fill(strings.presenceUnknown, { files }) };
    }
    const key = `${CONNECTOR[kind].key}\\ConnectionStatus`;
    const last = regLookup(regIntune, key, 'LastConnectionTime');
    const issue = regLookup(regIntune, key, 'IssueDetails');
    const evidence: EvidenceItem[] = [last.evidence, issue.evidence, presence.evidence];
    const issueText = issue.evidence.value ?? '';
    const code = findHresult(issueText) ?? (/^\s*-?\d+\s*$/.test(issueText) ? issueText : null);
    const hr = code ? decodeHresult(code) : null;
    const decoded: Decoded[] = hr
      ? [{ raw: hr.raw, meaning: hr.meaning, ...(hr.checkId ? { checkId: hr.checkId } : {}) }]
      : [];
    const connector = CONNECTOR[kind].product;
    const out = (status: CheckOutcome['status'], summary: string) => ({
      status,
      summary,
      evidence,
      decoded,
    });
    if (!last.value) return out('unknown', fill(strings.missing, { connector }));
    const { culture, utcOffsetMinutes } = ctx.manifest.collector;
    const time = parseHostTime(last.value.data, culture, utcOffsetMinutes ?? 0);
    const value = last.evidence.value ?? '';
    if (!time) {
      const template = culture ? strings.unparsed : strings.unparsedNoCulture;
      return out('unknown', fill(template, { value, culture: culture ?? '' }));
    }
    const utc = new Date(time.utcMs).toISOString();
    evidence.push({
      kind: 'keyValue',
      caption: strings.caption,
      items: [
        { key: 'format', value: time.format },
        { key: 'culture', value: culture ?? strings.unknownCulture },
        { key: 'utcOffsetMinutes', value: String(utcOffsetMinutes ?? '') },
        { key: 'UTC', value: utc },
      ],
    });
    if (time.local && utcOffsetMinutes === undefined)
      evidence.push({ kind: 'text', text: strings.noOffset });
    const age = ctx.nowMs - time.utcMs;
    if (age < -FUTURE_SLACK) return out('unknown', fill(strings.future, { value, utc }));
    const values = {
      connector,
      utc,
      hours: Math.max(0, Math.floor(age / HOUR)),
      days: Math.floor(age / (24 * HOUR)),
    };
    if (age > 7 * 24 * HOUR) return out('fail', fill(strings.failed, values));
    if (age > 24 * HOUR) return out('warn', fill(strings.warned, values));
    return out('pass', fill(strings.passed, values));
  },
});
