// Export the current run as a support bundle (zip + report.json + report.html), optionally redacted,
// to send to a colleague or to Microsoft support.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useRun } from '../../stores/run';

type Mode = 'none' | 'pseudonymize' | 'strict';
const MODES: Mode[] = ['pseudonymize', 'strict', 'none'];

export function ExportButton() {
  const { t } = useTranslation();
  const run = useRun((s) => s.run);
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>('pseudonymize');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useRun((s) => (s.progress?.phase === 'export' ? s.progress : null));
  if (!run || run.filesUnavailable) return null;
  const start = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.invoke('bundle:export', { runId: run.id, redact: mode });
      if (r.cancelled) return;
      if (r.downloadUrl) {
        const a = document.createElement('a');
        a.href = r.downloadUrl;
        a.download = r.fileName;
        document.body.append(a);
        a.click();
        a.remove();
      }
      setResult(
        t('export.done', {
          name: r.path ?? r.fileName,
          size: (r.zipBytes / 1024 / 1024).toFixed(1),
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" data-action="export" onClick={() => setOpen(true)}>
        {t('export.button')}
      </button>
      {open && (
        <div className="modal" role="dialog" aria-modal="true" aria-labelledby="export-title">
          <div className="modal-body">
            <h2 id="export-title">{t('export.title')}</h2>
            <p>{t('export.intro')}</p>
            <fieldset className="export-modes">
              {MODES.map((m) => (
                <label key={m}>
                  <input
                    type="radio"
                    name="redact"
                    value={m}
                    checked={mode === m}
                    onChange={() => setMode(m)}
                  />{' '}
                  <b>{t(`export.mode.${m}`)}</b> — {t(`export.modeHint.${m}`)}
                </label>
              ))}
            </fieldset>
            <p className="muted">{t('export.never')}</p>
            {busy && progress && (
              <p className="muted" data-export-progress>
                {t('export.progress', {
                  file: progress.file ?? '',
                  mb: ((progress.bytes ?? 0) / 1024 / 1024).toFixed(0),
                })}
              </p>
            )}
            {result && (
              <p className="ok-text" data-export-result>
                {result}
              </p>
            )}
            {error && <p className="error-text">{error}</p>}
            <div className="actions">
              <button
                type="button"
                data-action="export-start"
                disabled={busy}
                onClick={() => void start()}
              >
                {busy ? t('export.busy') : t('export.start')}
              </button>
              {busy && (
                <button type="button" onClick={() => void api.invoke('bundle:cancel-export', null)}>
                  {t('common.cancel')}
                </button>
              )}
              <button type="button" onClick={() => setOpen(false)}>
                {t('common.close')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
