// How an applied fix ended: after a failing step, the offer to roll back what was applied (from the
// backups, through the recorded fix's undo); after success, the verification check by check.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FixOutcomeView } from '../../../shared/ipc/channels';
import { api } from '../../api';
import { StatusBadge } from '../../components/HealthIcon';

type Decision = 'pending' | 'running' | 'rolled-back' | 'rollback-failed' | 'kept';

export function FixOutcome({ fix }: { fix: FixOutcomeView }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Decision>('pending');
  const [error, setError] = useState<string | null>(null);
  const stopped = fix.status === 'failed' || fix.status === 'cancelled';
  const here = useRef<HTMLElement>(null);
  // The outcome comes below the preview: bring it into view when it arrives.
  useEffect(() => {
    here.current?.scrollIntoView({ block: 'nearest' });
  }, [fix.fixId]);

  const rollback = async () => {
    setDecision('running');
    try {
      const r = await api.invoke('fix:undo', { fixId: fix.fixId, confirmed: true });
      setDecision(r.exitCode === 0 ? 'rolled-back' : 'rollback-failed');
    } catch (err) {
      setError((err as Error).message);
      setDecision('rollback-failed');
    }
  };

  const v = fix.verification;
  return (
    <section className="wizard-outcome" data-fix-id={fix.fixId} ref={here}>
      {stopped && fix.failedStep && (
        <p className="error-text" data-failed-step={fix.failedStep}>
          {t('wizard.failedAt', { step: fix.failedStep })}
        </p>
      )}
      {fix.message && fix.status !== 'applied' && (
        <pre className="wizard-message">{fix.message}</pre>
      )}
      {stopped && fix.applied.length > 0 && (
        <div data-rollback-offer={decision}>
          {decision === 'pending' || decision === 'running' ? (
            <>
              <p>{t('wizard.appliedKept', { count: fix.applied.length })}</p>
              <ul>
                {fix.applied.map((s) => (
                  <li key={s}>
                    <code>{s}</code>
                  </li>
                ))}
              </ul>
              <div className="actions">
                <button
                  type="button"
                  data-action="rollback"
                  disabled={decision === 'running'}
                  onClick={() => void rollback()}
                >
                  {decision === 'running' ? t('wizard.running') : t('wizard.rollback')}
                </button>
                <button
                  type="button"
                  data-action="keep-applied"
                  disabled={decision === 'running'}
                  onClick={() => setDecision('kept')}
                >
                  {t('wizard.keep')}
                </button>
              </div>
            </>
          ) : (
            <p
              className={
                decision === 'rolled-back' ? 'ok-text' : decision === 'kept' ? '' : 'error-text'
              }
            >
              {decision === 'rolled-back'
                ? t('wizard.rolledBack')
                : decision === 'kept'
                  ? t('wizard.kept', { id: fix.fixId })
                  : (error ?? t('wizard.rollbackFailed'))}
            </p>
          )}
        </div>
      )}
      {fix.status === 'applied' && (
        <div data-verification={v ? (v.fixed ? 'fixed' : 'not-fixed') : 'none'}>
          <h4>{t('wizard.verifyTitle')}</h4>
          {!v && <p className="muted">{t('wizard.verifyNone')}</p>}
          {v && (
            <>
              <p className={v.fixed ? 'ok-text' : 'error-text'}>
                {v.fixed ? t('wizard.verifyFixed') : t('wizard.verifyNotFixed')}
              </p>
              <table className="wizard-verify">
                <tbody>
                  {v.checks.map((c) => (
                    <tr key={c.checkId} data-verify-check={c.checkId} data-after={c.after}>
                      <td>
                        <code>{c.checkId}</code>
                      </td>
                      <td>
                        <StatusBadge status={c.before} /> → <StatusBadge status={c.after} />
                      </td>
                      <td className="muted">{c.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {v.rebootPending && <p className="exp-soon">{t('wizard.rebootPending')}</p>}
              {fix.diff && <p className="muted">{t('wizard.onDiagram')}</p>}
            </>
          )}
        </div>
      )}
      <p className="muted">{t('wizard.backups', { dir: fix.backupDir })}</p>
    </section>
  );
}
