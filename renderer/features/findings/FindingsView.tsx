import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { StatusBadge } from '../../components/HealthIcon';
import { groupFindings, SEVERITIES, STATUS_ORDER } from './select';

/** Findings grouped by step, with status / severity filters and text search. */
export function FindingsView() {
  const { t } = useTranslation();
  const findings = useRun((s) => s.run?.report.findings);
  const ui = useUi();
  const groups = useMemo(
    () =>
      groupFindings(findings ?? [], {
        step: ui.selectedStep,
        statuses: ui.statusFilter,
        severities: ui.severityFilter,
        search: ui.search,
      }),
    [findings, ui.selectedStep, ui.statusFilter, ui.severityFilter, ui.search],
  );
  const total = groups.reduce((n, g) => n + g.findings.length, 0);
  return (
    <div className="findings">
      <div className="filters" role="toolbar" aria-label={t('findings.filters')}>
        {STATUS_ORDER.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip status-${s}`}
            aria-pressed={ui.statusFilter.includes(s)}
            data-filter-status={s}
            onClick={() => ui.toggleStatus(s)}
          >
            {t(`status.${s}`)}
          </button>
        ))}
        <span className="sep" />
        {SEVERITIES.map((s) => (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={ui.severityFilter.includes(s)}
            data-filter-severity={s}
            onClick={() => ui.toggleSeverity(s)}
          >
            {t(`severity.${s}`)}
          </button>
        ))}
        <input
          type="search"
          className="search"
          placeholder={t('findings.search')}
          aria-label={t('findings.search')}
          value={ui.search}
          onChange={(e) => ui.setSearch(e.target.value)}
        />
      </div>
      {ui.selectedStep && (
        <p className="scope">
          {t('findings.scope', { step: t(`steps.${ui.selectedStep}`) })}{' '}
          <button type="button" className="link" onClick={() => ui.selectStep(null)}>
            {t('findings.allSteps')}
          </button>
        </p>
      )}
      {total === 0 && <p className="empty">{t('findings.none')}</p>}
      {groups.map((g) => (
        <section key={g.step} className="finding-group" data-group-step={g.step}>
          <h3>{t(`steps.${g.step}`)}</h3>
          <ul>
            {g.findings.map((f) => (
              <li key={f.checkId}>
                <button
                  type="button"
                  className={`finding-row ${ui.selectedFinding === f.checkId ? 'selected' : ''}`}
                  data-check-id={f.checkId}
                  data-status={f.status}
                  onClick={() => ui.selectFinding(f.checkId)}
                >
                  <StatusBadge status={f.status} />
                  <span className="finding-title">{f.title}</span>
                  <code className="check-id">{f.checkId}</code>
                  <span className="finding-summary">{f.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
