import { useTranslation } from 'react-i18next';
import { useRun } from '../../stores/run';
import { formatBytes } from '../evidence/FilesView';

/** Phase, artifact being read, log throughput, and cancel. */
export function ProgressOverlay() {
  const { t } = useTranslation();
  const p = useRun((s) => s.progress);
  return (
    <div className="progress" role="status" aria-live="polite" data-progress>
      <div className="spinner" aria-hidden="true" />
      <p>{t(`progress.${p?.phase ?? 'starting'}`, { defaultValue: p?.phase ?? '' })}</p>
      {p?.file && <p className="muted">{p.file}</p>}
      {p?.bytes !== undefined && (
        <p className="muted">
          {formatBytes(p.bytes)}
          {p.mbPerSecond !== undefined && ` · ${p.mbPerSecond.toFixed(0)} MB/s`}
        </p>
      )}
      <button type="button" onClick={() => void useRun.getState().cancel()}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
