// Wizard step 2, the preview: the plan's steps with their backups, the exact command lines in order
// (copyable), and what needs a reboot or a restart.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FixCommandLine } from '../../../shared/ipc/channels';
import type { FixPlan } from '../../../shared/model/fix-plan';

export function PlanPreview({ plan, commands }: { plan: FixPlan; commands: FixCommandLine[] }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section>
      <h4>{t('wizard.preview')}</h4>
      <ol className="wizard-steps">
        {plan.steps.map((s) => (
          <li key={s.id} data-fix-step={s.id}>
            <b>{s.title}</b> <span className="muted">({t(`wizard.kind.${s.kind}`)})</span>
            <div className="muted">{s.why}</div>
            {s.backup && <div>{t('wizard.backup', { what: s.backup.what })}</div>}
          </li>
        ))}
      </ol>
      <h4>
        {t('wizard.commands')}{' '}
        <button
          type="button"
          data-action="copy-commands"
          onClick={() =>
            void navigator.clipboard
              .writeText(commands.map((c) => c.commandLine).join('\r\n'))
              .then(() => setCopied(true))
          }
        >
          {copied ? t('wizard.copied') : t('wizard.copy')}
        </button>
      </h4>
      <div className="wizard-commands" data-commands>
        {commands.map((c, i) => (
          <div key={i} className="wizard-command">
            <div className="muted">
              {i + 1}. {c.phase}: {c.title}
            </div>
            <code>{c.summary}</code>
            {c.commandLine !== c.summary && (
              <details>
                <summary>{t('wizard.exactLine')}</summary>
                <code className="exact">{c.commandLine}</code>
              </details>
            )}
          </div>
        ))}
      </div>
      <p
        className={plan.needsReboot ? 'exp-soon' : ''}
        data-reboot={plan.needsReboot ? 'yes' : 'no'}
      >
        {plan.needsReboot ? t('wizard.reboot') : t('wizard.noReboot')}
        {plan.restarts.length > 0 &&
          ` ${t('wizard.restarts', { list: plan.restarts.map((r) => r.name ?? r.kind).join(', ') })}`}
      </p>
      {plan.notes.map((n, i) => (
        <p key={i} className="muted">
          {n}
        </p>
      ))}
    </section>
  );
}
