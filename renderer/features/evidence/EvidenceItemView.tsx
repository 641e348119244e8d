// One evidence item of a finding, by kind (STYLE principle 5: data in, one component per kind).
// Items that point into a file or at a certificate open it in the evidence viewer.
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../../shared/model';
import { useUi } from '../../stores/ui';

export function EvidenceItemView({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  const show = useUi((s) => s.showEvidence);
  const open = (file: string, line?: number, highlight?: number[]) => (
    <button
      type="button"
      className="link evidence-link"
      data-evidence-file={file}
      data-evidence-line={line ?? ''}
      onClick={() => show({ kind: 'file', file, line, highlight })}
    >
      {file}
      {line ? `:${line}` : ''}
    </button>
  );
  switch (item.kind) {
    case 'registryValue':
      return (
        <div className="ev ev-registry" data-evidence-kind="registryValue">
          {open(item.file, item.line, item.line ? [item.line] : [])}
          <div>
            <code>{item.keyPath}</code>
          </div>
          <div>
            <code>{item.valueName}</code> = <code>{item.value ?? t('evidence.missingValue')}</code>
          </div>
        </div>
      );
    case 'logLines':
      return (
        <div className="ev ev-log" data-evidence-kind="logLines">
          {item.caption && <div className="caption">{item.caption}</div>}
          <div>
            {open(
              item.file,
              item.lines[0]?.line,
              item.lines.map((l) => l.line),
            )}
            {item.total !== undefined && (
              <span className="muted"> {t('evidence.matching', { count: item.total })}</span>
            )}
          </div>
          <pre>
            {item.lines.map((l) => (
              <div key={l.line}>
                <button
                  type="button"
                  className="line-no"
                  data-evidence-line-link={l.line}
                  onClick={() =>
                    show({
                      kind: 'file',
                      file: item.file,
                      line: l.line,
                      highlight: item.lines.map((x) => x.line),
                    })
                  }
                >
                  {l.line}
                </button>{' '}
                {l.text.length > 300 ? `${l.text.slice(0, 300)}…` : l.text}
              </div>
            ))}
          </pre>
        </div>
      );
    case 'event':
      return (
        <div className="ev ev-event" data-evidence-kind="event">
          <div>
            {open(item.file, item.line, item.line ? [item.line] : [])}{' '}
            <b>
              {item.provider} {t('evidence.eventId', { id: item.eventId })}
            </b>{' '}
            {t('evidence.eventCount', { count: item.count })}
          </div>
          <div className="muted">
            {t('evidence.eventTimes', {
              last: item.timeCreated ?? '?',
              first: item.firstSeen ?? item.timeCreated ?? '?',
            })}
            {item.recordId !== null && ` · ${t('evidence.record', { id: item.recordId })}`}
          </div>
          {item.data.length > 0 && (
            <table className="kv">
              <tbody>
                {item.data.map((d, i) => (
                  <tr key={i}>
                    <th>{d.name ?? `#${i + 1}`}</th>
                    <td>{d.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {item.message && <p className="event-message">{item.message}</p>}
        </div>
      );
    case 'certificate':
      return (
        <div className="ev ev-cert" data-evidence-kind="certificate">
          <button
            type="button"
            className="link"
            data-evidence-cert={item.thumbprint}
            onClick={() => show({ kind: 'certificate', thumbprint: item.thumbprint })}
          >
            {item.role ? `${item.role}: ` : ''}
            {item.subject}
          </button>
          <div className="muted">
            <code>{item.thumbprint}</code> ·{' '}
            {t('evidence.validTo', { date: item.notAfter.slice(0, 10) })}
          </div>
        </div>
      );
    case 'config':
      return (
        <div className="ev ev-config" data-evidence-kind="config">
          {open(item.file, item.line, item.line ? [item.line] : [])}
          <div>
            {item.location} · <code>{item.setting}</code> ={' '}
            <code>{item.value ?? t('evidence.unset')}</code>
          </div>
        </div>
      );
    case 'keyValue':
      return (
        <table className="ev kv" data-evidence-kind="keyValue">
          {item.caption && <caption>{item.caption}</caption>}
          <tbody>
            {item.items.map((i, n) => (
              <tr key={n}>
                <th>{i.key}</th>
                <td>{i.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'table':
      return (
        <table className="ev grid" data-evidence-kind="table">
          {item.caption && <caption>{item.caption}</caption>}
          <thead>
            <tr>
              {item.headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {item.rows.map((r, n) => (
              <tr key={n}>
                {r.map((c, m) => (
                  <td key={m}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'text':
      return <p className="ev">{item.text}</p>;
    case 'artifact':
      return (
        <div className="ev ev-artifact" data-evidence-kind="artifact">
          <code>{item.file}</code>:{' '}
          {t(`evidence.state.${item.state}`, { defaultValue: item.state })}
          {item.error && <div className="muted">{item.error}</div>}
        </div>
      );
  }
}
