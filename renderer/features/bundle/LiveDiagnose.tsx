// "Diagnose this server" (on the NDES server itself): checks elevation first and, when the app is
// not elevated, says what will be missing and offers to relaunch elevated.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useRun } from '../../stores/run';

export function LiveDiagnose() {
  const { t } = useTranslation();
  const [missing, setMissing] = useState<{ artifact: string; why: string }[] | null>(null);
  const collect = () => {
    setMissing(null);
    void useRun.getState().openLive();
  };
  const start = async () => {
    const e = await api.invoke('live:elevation', null);
    if (e.elevated === false) setMissing(e.missing);
    else collect();
  };
  return (
    <>
      <button type="button" data-action="diagnose-live" onClick={() => void start()}>
        {t('live.diagnose')}
      </button>
      {missing && (
        <div className="modal" role="dialog" aria-modal="true" aria-labelledby="live-title">
          <div className="modal-body">
            <h2 id="live-title">{t('live.notElevated')}</h2>
            <p>{t('live.missingIntro')}</p>
            <ul>
              {missing.map((m) => (
                <li key={m.artifact}>
                  <code>{m.artifact}</code>: {m.why}
                </li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" onClick={() => void api.invoke('live:relaunch-elevated', null)}>
                {t('live.relaunch')}
              </button>
              <button type="button" onClick={collect}>
                {t('live.anyway')}
              </button>
              <button type="button" onClick={() => setMissing(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
