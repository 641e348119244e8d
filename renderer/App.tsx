import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { useRun } from './stores/run';
import { useUi } from './stores/ui';
import { useTerminal } from './stores/terminal';
import { HostHeader } from './features/header/HostHeader';
import { FlowDiagram } from './features/flow/FlowDiagram';
import { FixOverlayBanner } from './features/flow/FixOverlayBanner';
import { FindingsView } from './features/findings/FindingsView';
import { DetailPane } from './features/findings/DetailPane';
import { CertificatesDashboard } from './features/certificates/CertificatesDashboard';
import { FilesView } from './features/evidence/FilesView';
import { HistoryView } from './features/history/HistoryView';
import { ProbePanel } from './features/probe/ProbePanel';
import { CompareView } from './features/history/CompareView';
import { useHistory } from './stores/history';
import { TerminalPane } from './features/terminal/TerminalPane';
import { ErrorScreen } from './features/bundle/ErrorScreen';
import { ProgressOverlay } from './features/bundle/ProgressOverlay';
import { DropZone } from './features/bundle/DropZone';
import type { Tab } from './stores/ui';

const TABS: Tab[] = ['findings', 'certificates', 'files', 'history', 'probe'];

export function App() {
  const { t } = useTranslation();
  const appState = useRun((s) => s.appState);
  const run = useRun((s) => s.run);
  const tab = useUi((s) => s.tab);
  const setTab = useUi((s) => s.setTab);
  const terminalOpen = useUi((s) => s.terminalOpen);
  const comparing = useHistory((s) => s.diff !== null);

  useEffect(() => {
    const offProgress = api.on('run:progress', (p) => useRun.getState().setProgress(p));
    const offLog = api.on('log:line', (l) => useTerminal.getState().append(l));
    void useRun.getState().init();
    // Ctrl+` toggles the terminal pane (the desktop menu shows the same shortcut).
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === '`') {
        e.preventDefault();
        useUi.getState().toggleTerminal();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      offProgress();
      offLog();
    };
  }, []);

  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', appState);
  }, [appState]);

  useEffect(() => useUi.getState().reset(), [run?.id]);

  return (
    <DropZone>
      <div className={`app ${terminalOpen ? 'with-terminal' : ''}`} data-app-state={appState}>
        <HostHeader />
        {appState === 'error' && <ErrorScreen />}
        {appState === 'loading' && <ProgressOverlay />}
        {run && appState !== 'error' && (
          <main className="workspace">
            <section className="left">
              <FixOverlayBanner />
              <FlowDiagram />
              <div className="tabs" role="tablist" aria-label={t('tabs.label')}>
                {TABS.map((id) => (
                  <button
                    key={id}
                    role="tab"
                    aria-selected={tab === id}
                    className={tab === id ? 'tab active' : 'tab'}
                    data-tab={id}
                    onClick={() => setTab(id)}
                  >
                    {t(`tabs.${id}`)}
                  </button>
                ))}
              </div>
              <div className="tab-body" role="tabpanel">
                {tab === 'findings' && <FindingsView />}
                {tab === 'certificates' && <CertificatesDashboard />}
                {tab === 'files' && <FilesView />}
                {tab === 'history' && <HistoryView />}
                {tab === 'probe' && <ProbePanel />}
              </div>
            </section>
            <section className="right">{comparing ? <CompareView /> : <DetailPane />}</section>
          </main>
        )}
        {terminalOpen && <TerminalPane />}
      </div>
    </DropZone>
  );
}
