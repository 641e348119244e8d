import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FixHistoryItem } from '../../../shared/ipc/channels';
import { api } from '../../api';
import { useUi } from '../../stores/ui';

/** Fixes applied (or dry-run) from this machine, with undo from their backups. */
export function FixesList() {
  const { t } = useTranslation();
  const [fixes, setFixes] = useState<FixHistoryItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => void api.invoke('fix:history', null).then(setFixes, () => setFixes([]));
  useEffect(load, []);
  if (fixes.length === 0) return null;
  const undo = async (id: number) => {
    if (!window.confirm(t('fixes.confirmUndo', { id }))) return;
    const r = await api.invoke('fix:undo', { fixId: id, confirmed: true });
    setMessage(r.exitCode === 0 ? t('fixes.undone', { id }) : t('fixes.undoFailed', { id }));
    load();
  };
  const showLog = async (id: number) => {
    if (!useUi.getState().terminalOpen) useUi.getState().toggleTerminal();
    await api.invoke('fix:log', { fixId: id }).catch((err: Error) => setMessage(err.message));
  };
  return (
    <section className="fixes">
      <h3>{t('fixes.title')}</h3>
      {message && <p className="muted">{message}</p>}
      <table className="grid">
        <tbody>
          {fixes.map((f) => (
            <tr key={f.id} data-fix-id={f.id}>
              <td className="num">{f.id}</td>
              <td>{f.wizard}</td>
              <td>{f.host}</td>
              <td>{f.startedAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{f.dryRun ? t('fixes.dryRun') : f.status}</td>
              <td>
                {f.verified === null
                  ? ''
                  : f.verified
                    ? t('fixes.verified')
                    : t('fixes.notVerified')}
              </td>
              <td>
                <button type="button" data-action="fix-log" onClick={() => void showLog(f.id)}>
                  {t('fixes.showLog')}
                </button>{' '}
                {!f.dryRun && (f.status === 'applied' || f.status === 'failed') && (
                  <button type="button" onClick={() => void undo(f.id)}>
                    {t('fixes.undo')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
