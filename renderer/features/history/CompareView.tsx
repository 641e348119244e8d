import { useTranslation } from 'react-i18next';
import { useHistory } from '../../stores/history';
import { StatusBadge, HealthIcon } from '../../components/HealthIcon';

const CHANGE_ORDER = ['new', 'fixed', 'changed', 'removed'] as const;

/** What changed between two runs: steps, checks, and the evidence that explains it. */
export function CompareView() {
  const { t } = useTranslation();
  const diff = useHistory((s) => s.diff);
  const ids = useHistory((s) => s.diffIds);
  if (!diff || !ids) return null;
  const changed = diff.checks.filter((c) => c.change !== 'unchanged');
  return (
    <div className="compare" data-compare={`${ids[0]}-${ids[1]}`}>
      <header className="detail-head">
        <h2>{t('compare.title', { a: ids[0], b: ids[1] })}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => useHistory.getState().closeCompare()}
          aria-label={t('common.close')}
        >
          ✕
        </button>
      </header>
      <p className="muted">
        {t('compare.sides', {
          before: `${diff.before.host} · ${diff.before.collectedAt}`,
          after: `${diff.after.host} · ${diff.after.collectedAt}`,
        })}
      </p>
      {diff.crossHost && <p className="demo-notice">{t('compare.crossHost')}</p>}
      {diff.rulesetChanged && <p className="demo-notice">{t('compare.ruleset')}</p>}
      <p>
        {CHANGE_ORDER.map((c) => (
          <span key={c} className={`chip change-${c}`} data-change-count={c}>
            {t(`compare.change.${c}`)}: {diff.counts[c]}
          </span>
        ))}
      </p>
      <h4>{t('compare.steps')}</h4>
      <table className="grid">
        <tbody>
          {diff.steps.map((s) => (
            <tr key={s.id} data-step-change={s.id} data-change={s.change}>
              <td>{t(`steps.${s.id}`)}</td>
              <td>{s.before ? <HealthIcon health={s.before} /> : '—'}</td>
              <td>→</td>
              <td>{s.after ? <HealthIcon health={s.after} /> : '—'}</td>
              <td className={`change-${s.change}`}>{t(`compare.stepChange.${s.change}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('compare.checks')}</h4>
      {changed.length === 0 && <p className="muted">{t('compare.noChecks')}</p>}
      <table className="grid">
        <tbody>
          {changed.map((c) => (
            <tr key={c.checkId} data-check-change={c.checkId} data-change={c.change}>
              <td className={`change-${c.change} nowrap`}>{t(`compare.short.${c.change}`)}</td>
              <td>
                <b>{c.title}</b> <code className="muted">{c.checkId}</code>
                <div className="muted">{c.summaryAfter ?? c.summaryBefore}</div>
              </td>
              <td>{c.before ? <StatusBadge status={c.before} /> : '—'}</td>
              <td>{c.after ? <StatusBadge status={c.after} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('compare.evidence')}</h4>
      {diff.evidence.length === 0 && <p className="muted">{t('compare.noEvidence')}</p>}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('compare.area')}</th>
            <th>{t('compare.item')}</th>
            <th>{t('compare.before')}</th>
            <th>{t('compare.after')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.evidence.map((e, i) => (
            <tr key={i} data-evidence-area={e.area}>
              <td>{t(`compare.areas.${e.area}`, { defaultValue: e.area })}</td>
              <td>
                {e.item}
                {e.checks.length > 0 && <div className="muted">{e.checks.join(', ')}</div>}
              </td>
              <td>
                <code>{e.before ?? '—'}</code>
              </td>
              <td>
                <code>{e.after ?? '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
