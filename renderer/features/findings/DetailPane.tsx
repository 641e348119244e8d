import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FixWizard } from '../wizard/FixWizard';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { StatusBadge } from '../../components/HealthIcon';
import { EvidenceItemView } from '../evidence/EvidenceItemView';
import { EvidenceViewer } from '../evidence/EvidenceViewer';
import { StepOverview } from './StepOverview';

/** The selected finding: what is wrong, why it matters, decoded symptoms, fix, evidence. */
export function DetailPane() {
  const { t } = useTranslation();
  const findings = useRun((s) => s.run?.report.findings);
  const selected = useUi((s) => s.selectedFinding);
  const evidence = useUi((s) => s.evidence);
  const f = selected ? findings?.find((x) => x.checkId === selected) : undefined;
  const [wizard, setWizard] = useState<string | null>(null);
  if (!f) {
    return (
      <div className="detail">
        <StepOverview />
        {evidence && <EvidenceViewer />}
      </div>
    );
  }
  const showFix = f.status !== 'pass' && f.status !== 'not-applicable';
  return (
    <div className="detail" data-finding={f.checkId}>
      <header className="detail-head">
        <StatusBadge status={f.status} />
        <h2>{f.title}</h2>
        <code>{f.checkId}</code>
        <span className={`severity sev-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
      </header>
      <h4>{t('detail.what')}</h4>
      <p className="detail-summary">{f.summary}</p>
      <h4>{t('detail.why')}</h4>
      <p>{f.why}</p>
      {f.decoded.length > 0 && (
        <>
          <h4>{t('detail.decoded')}</h4>
          <ul className="decoded">
            {f.decoded.map((d, i) => (
              <li key={i}>
                <code>{d.raw}</code> — {d.meaning}
                {d.checkId && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => useUi.getState().selectFinding(d.checkId!)}
                    >
                      {d.checkId}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {showFix &&
        f.fixes.map((x, i) => (
          <div key={i} className="fix">
            <h4>
              {x.wizard === 'manual'
                ? t('detail.fixManual')
                : t('detail.fixWizard', { id: x.wizard })}
            </h4>
            <p>{x.text}</p>
            {x.wizard !== 'manual' && (
              <button type="button" data-action="open-wizard" onClick={() => setWizard(f.checkId)}>
                {t('detail.openWizard')}
              </button>
            )}
          </div>
        ))}
      {wizard && <FixWizard checkId={wizard} onClose={() => setWizard(null)} />}
      <h4>{t('detail.evidence')}</h4>
      {f.evidence.length === 0 && <p className="empty">{t('detail.noEvidence')}</p>}
      <ul className="evidence-list">
        {f.evidence.map((e, i) => (
          <li key={i}>
            <EvidenceItemView item={e} />
          </li>
        ))}
      </ul>
      {evidence && <EvidenceViewer />}
    </div>
  );
}
