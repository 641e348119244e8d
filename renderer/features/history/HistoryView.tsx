import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHistory } from '../../stores/history';
import { useRun } from '../../stores/run';
import { HealthIcon } from '../../components/HealthIcon';
import { FixesList } from './FixesList';

/** Stored runs, newest first: open one as it was, judge it again, or pick two to compare. */
export function HistoryView() {
  const { t } = useTranslation();
  const h = useHistory();
  const currentId = useRun((s) => s.run?.storedId ?? null);
  useEffect(() => {
    void useHistory.getState().load();
  }, [currentId]);
  return (
    <div className="history">
      <div className="history-bar">
        <span className="muted">{t('history.count', { count: h.total })}</span>
        <button
          type="button"
          data-action="compare"
          disabled={h.picked.length !== 2}
          onClick={() => void h.compare()}
        >
          {h.picked.length === 2
            ? t('history.compare', { a: h.picked[0], b: h.picked[1] })
            : t('history.pickTwo')}
        </button>
      </div>
      {h.notice && <p className="demo-notice">{h.notice}</p>}
      {h.error && <p className="error-text">{h.error}</p>}
      {h.database === null && <p className="muted">{t('history.disabled')}</p>}
      <table className="grid history-table">
        <thead>
          <tr>
            <th aria-label={t('history.pick')} />
            <th>{t('history.run')}</th>
            <th>{t('history.host')}</th>
            <th>{t('history.collected')}</th>
            <th>{t('history.source')}</th>
            <th>{t('history.result')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {h.runs.map((r) => (
            <tr key={r.id} data-run-id={r.id} className={r.id === currentId ? 'current' : ''}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('history.pickRun', { id: r.id })}
                  checked={h.picked.includes(r.id)}
                  onChange={() => h.pick(r.id)}
                />
              </td>
              <td className="num">{r.id}</td>
              <td>{r.dnsHostName ?? r.host}</td>
              <td>{r.collectedAt.replace('T', ' ').replace('Z', '')}</td>
              <td className="muted" title={r.source.path ?? ''}>
                {t(`history.kind.${r.source.kind}`)}
                {r.label ? ` · ${r.label}` : ''}
              </td>
              <td className="counts">
                {(['fail', 'warn', 'unknown', 'pass'] as const).map((s) =>
                  r.counts[s] ? (
                    <span key={s} className={`count status-${s}`}>
                      <HealthIcon health={s} /> {r.counts[s]}
                    </span>
                  ) : null,
                )}
              </td>
              <td className="row-actions">
                <button type="button" data-action="open-run" onClick={() => void h.open(r.id)}>
                  {t('history.open')}
                </button>
                <button type="button" data-action="rejudge" onClick={() => void h.rejudge(r.id)}>
                  {t('history.rejudge')}
                </button>
                <button type="button" data-action="delete-run" onClick={() => void h.remove(r.id)}>
                  {t('history.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FixesList />
    </div>
  );
}
