import { useTranslation } from 'react-i18next';
import { useRun } from '../../stores/run';

/** A bundle that cannot be opened: what and why, and a way out. */
export function ErrorScreen() {
  const { t } = useTranslation();
  const error = useRun((s) => s.error);
  const run = useRun((s) => s.run);
  return (
    <div className="error-screen" role="alert" data-error>
      <h2>{t('bundle.errorTitle')}</h2>
      <p className="error-text" data-error-text>
        {error}
      </p>
      <p>{t('bundle.errorHint')}</p>
      <div className="actions">
        <button type="button" onClick={() => void useRun.getState().openDemo()}>
          {t('actions.demo')}
        </button>
        {run && (
          <button type="button" onClick={() => useRun.setState({ appState: 'ready', error: null })}>
            {t('bundle.backToRun', { name: run.sourceName })}
          </button>
        )}
      </div>
    </div>
  );
}
