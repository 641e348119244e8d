import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';

/** Every file of the bundle; any of them opens in the evidence viewer. */
export function FilesView() {
  const { t } = useTranslation();
  const files = useRun((s) => s.run?.files ?? []);
  const unavailable = useRun((s) => s.run?.filesUnavailable ?? null);
  const show = useUi((s) => s.showEvidence);
  const [q, setQ] = useState('');
  const shown = useMemo(
    () => files.filter((f) => f.path.toLowerCase().includes(q.toLowerCase())),
    [files, q],
  );
  return (
    <div className="files">
      {unavailable && <p className="demo-notice">{unavailable}</p>}
      <input
        type="search"
        className="search"
        placeholder={t('files.filter')}
        aria-label={t('files.filter')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <table className="grid">
        <thead>
          <tr>
            <th>{t('files.path')}</th>
            <th>{t('files.size')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <tr key={f.path}>
              <td>
                <button
                  type="button"
                  className="link"
                  data-file={f.path}
                  onClick={() => show({ kind: 'file', file: f.path })}
                >
                  {f.path}
                </button>
              </td>
              <td className="num">{formatBytes(f.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
