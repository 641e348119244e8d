import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc/channels';
import { api, isBrowserMode } from '../../api';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { filesFromInput } from '../bundle/files';
import { LiveDiagnose } from '../bundle/LiveDiagnose';
import { ExportButton } from '../bundle/ExportDialog';

/** Host, OS, culture, collection time, connector version, source; and the open actions. */
export function HostHeader() {
  const { t } = useTranslation();
  const run = useRun((s) => s.run);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const zipInput = useRef<HTMLInputElement>(null);
  const dirInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    api.invoke('app:info', null).then(setInfo, () => setInfo(null));
  }, []);
  useEffect(() => {
    dirInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  const h = run?.report.host;
  const openPicked = (input: HTMLInputElement | null) => {
    const files = filesFromInput(input);
    if (files.length) void useRun.getState().openFiles(files);
    if (input) input.value = '';
  };
  return (
    <header className="host-header">
      <div className="brand">{t('app.name')}</div>
      {h && (
        <dl className="host" data-host={h.computerName}>
          <div>
            <dt>{t('header.host')}</dt>
            <dd>{h.dnsHostName ?? h.computerName}</dd>
          </div>
          <div>
            <dt>{t('header.os')}</dt>
            <dd>{h.os ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('header.culture')}</dt>
            <dd>{h.culture ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('header.collected')}</dt>
            <dd>{run.report.collectedAt.replace('T', ' ').replace('Z', ' UTC')}</dd>
          </div>
          <div>
            <dt>{t('header.connector')}</dt>
            <dd>{h.connectorVersion ?? t('header.noConnector')}</dd>
          </div>
          <div>
            <dt>{t('header.source')}</dt>
            <dd data-source={run.isDemo ? 'demo' : 'bundle'}>
              {run.isDemo ? t('header.demo') : run.sourceName}
            </dd>
          </div>
        </dl>
      )}
      <div className="actions">
        {info?.canCollectLive && <LiveDiagnose />}
        <ExportButton />
        {isBrowserMode ? (
          <>
            <button type="button" data-action="open-zip" onClick={() => zipInput.current?.click()}>
              {t('actions.openZip')}
            </button>
            <button
              type="button"
              data-action="open-folder"
              onClick={() => dirInput.current?.click()}
            >
              {t('actions.openFolder')}
            </button>
            <input
              ref={zipInput}
              type="file"
              accept=".zip"
              hidden
              data-input="zip"
              onChange={(e) => openPicked(e.currentTarget)}
            />
            <input
              ref={dirInput}
              type="file"
              multiple
              hidden
              data-input="folder"
              onChange={(e) => openPicked(e.currentTarget)}
            />
          </>
        ) : (
          <button
            type="button"
            data-action="open-dialog"
            onClick={() => void useRun.getState().openDialog()}
          >
            {t('actions.open')}
          </button>
        )}
        {!run?.isDemo && (
          <button type="button" onClick={() => void useRun.getState().openDemo()}>
            {t('actions.demo')}
          </button>
        )}
        <button
          type="button"
          aria-pressed={useUi.getState().terminalOpen}
          onClick={() => useUi.getState().toggleTerminal()}
        >
          {t('actions.terminal')}
        </button>
      </div>
      {run?.integrity && !run.integrity.ok && (
        <p className="demo-notice" role="alert" data-integrity="mismatch">
          {run.integrity.message}
        </p>
      )}
      {run?.isDemo && info?.demoNotice && (
        <p className="demo-notice" role="note" data-demo-notice>
          {t('header.demoNotice')}
        </p>
      )}
    </header>
  );
}
