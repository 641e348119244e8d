// Guided fix for one finding: explain, parameters, preview (exact commands, backups, reboot),
// explicit confirmation, then apply (or a dry run) with the output in the terminal pane.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FixOutcomeView, InvokeChannels } from '../../../shared/ipc/channels';
import { api } from '../../api';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { FixOutcome } from './FixOutcome';
import { PlanPreview } from './PlanPreview';

type PlanResponse = InvokeChannels['fix:plan']['res'];

export function FixWizard({ checkId, onClose }: { checkId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRun((s) => s.run);
  const [params, setParams] = useState<Record<string, string>>({});
  const [plan, setPlan] = useState<PlanResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    exitCode: number;
    dryRun: boolean;
    fix: FixOutcomeView | null;
  } | null>(null);

  const load = useCallback(
    async (p: Record<string, string>) => {
      if (!run) return;
      try {
        setPlan(await api.invoke('fix:plan', { runId: run.id, checkId, params: p }));
        setError(null);
      } catch (err) {
        setError((err as Error).message);
      }
    },
    [run, checkId],
  );
  useEffect(() => {
    void load({});
  }, [load]);

  const go = async (dryRun: boolean) => {
    if (!run) return;
    setBusy(true);
    if (!useUi.getState().terminalOpen) useUi.getState().toggleTerminal();
    try {
      const r = await api.invoke('fix:apply', {
        runId: run.id,
        checkId,
        params,
        dryRun,
        confirmed: true,
      });
      setResult({ exitCode: r.exitCode, dryRun, fix: r.fix });
      const v = r.fix?.verification;
      if (r.fix?.diff && r.fix.afterSteps && v)
        useUi.getState().showFixOverlay({
          fixId: r.fix.fixId,
          checkId,
          diff: r.fix.diff,
          afterSteps: r.fix.afterSteps,
          rebootPending: v.rebootPending,
          side: 'after',
        });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const p = plan?.result && !('refused' in plan.result) ? plan.result : null;
  const refusal = plan?.result && 'refused' in plan.result ? plan.result : null;
  return (
    <div
      className="modal"
      role="dialog"
      aria-modal="true"
      aria-labelledby="wizard-title"
      data-wizard={checkId}
    >
      <div className="modal-body wizard">
        <h2 id="wizard-title">{p?.title ?? t('wizard.title')}</h2>
        {error && <p className="error-text">{error}</p>}
        {plan && plan.params.length > 0 && (
          <section>
            <h4>{t('wizard.params')}</h4>
            {plan.params.map((spec) => (
              <label key={spec.name} className="wizard-param">
                <span>{spec.label}</span>
                <input
                  list={`choices-${spec.name}`}
                  value={params[spec.name] ?? ''}
                  data-param={spec.name}
                  onChange={(e) => setParams({ ...params, [spec.name]: e.target.value })}
                />
                <datalist id={`choices-${spec.name}`}>
                  {(plan.choices[spec.name] ?? []).map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
                <small className="muted">{spec.help}</small>
              </label>
            ))}
            <button type="button" onClick={() => void load(params)}>
              {t('wizard.replan')}
            </button>
          </section>
        )}
        {refusal && (
          <p className="demo-notice" data-refused>
            {refusal.refused}
          </p>
        )}
        {p && (
          <>
            <section>
              <h4>{t('wizard.explain')}</h4>
              <p>{p.explain.finding}</p>
              <p className="muted">{p.explain.why}</p>
              <p>
                <b>{t('wizard.change')}</b> {p.explain.change}
              </p>
            </section>
            <PlanPreview plan={p} commands={plan?.commands ?? []} />
            <section>
              <label>
                <input
                  type="checkbox"
                  checked={confirmed}
                  data-confirm
                  onChange={(e) => setConfirmed(e.target.checked)}
                />{' '}
                {t('wizard.confirm', {
                  host: run?.report.host.dnsHostName ?? run?.report.host.computerName,
                })}
              </label>
              {!plan?.canApply && <p className="muted">{t('wizard.applyWindowsOnly')}</p>}
            </section>
          </>
        )}
        {result && (
          <p
            className={result.exitCode === 0 ? 'ok-text' : 'error-text'}
            data-fix-result={result.exitCode}
            data-fix-status={result.fix?.status}
          >
            {result.dryRun
              ? t('wizard.dryRunDone')
              : result.exitCode === 0
                ? t('wizard.applied')
                : t('wizard.failed')}
          </p>
        )}
        {result?.fix && <FixOutcome fix={result.fix} />}
        <div className="actions">
          <button
            type="button"
            data-action="dry-run"
            disabled={!p || busy}
            onClick={() => void go(true)}
          >
            {t('wizard.dryRun')}
          </button>
          <button
            type="button"
            data-action="apply"
            disabled={!p || !confirmed || busy || !plan?.canApply}
            onClick={() => void go(false)}
          >
            {busy ? t('wizard.running') : t('wizard.apply')}
          </button>
          {busy && (
            <button
              type="button"
              data-action="cancel-fix"
              onClick={() => void api.invoke('fix:cancel', null).catch(() => {})}
            >
              {t('wizard.cancel')}
            </button>
          )}
          {/* The outcome of a running fix is shown here: the wizard stays open until it ends. */}
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
