// The SCEP probe as a panel: the local endpoint and each external URL the Intune profiles use,
// tested the way devices use them (base URL, GetCACaps, GetCACert, long URLs, enrollment, TLS).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProbe } from '../../stores/probe';
import { useRun } from '../../stores/run';
import { HealthIcon } from '../../components/HealthIcon';
import type { Health } from '../../../shared/model';

const VERDICT: Record<string, Health> = { ok: 'ok', warn: 'warn', fail: 'fail', info: 'unknown' };

export function ProbePanel() {
  const { t } = useTranslation();
  const p = useProbe();
  const run = useRun((s) => s.run);
  const [draft, setDraft] = useState('');
  useEffect(() => {
    void useProbe.getState().load();
  }, []);
  const host = run?.report.host.dnsHostName;
  const local = host ? `https://${host}/certsrv/mscep/mscep.dll` : null;
  const urls = [...(local ? [local] : []), ...p.urls.filter((u) => u !== local)];
  const raThumbprints = (run?.certificates ?? [])
    .filter((c) => c.role?.startsWith('ra-'))
    .map((c) => c.thumbprint);
  return (
    <div className="probe">
      <p className="muted">{t('probe.intro')}</p>
      <div className="probe-options">
        <label>
          <input
            type="checkbox"
            checked={p.enroll}
            onChange={(e) => p.setEnroll(e.target.checked)}
          />{' '}
          {t('probe.enroll')}
        </label>
        <input
          type="password"
          autoComplete="off"
          placeholder={t('probe.challenge')}
          aria-label={t('probe.challenge')}
          value={p.challenge}
          onChange={(e) => p.setChallenge(e.target.value)}
        />
      </div>
      <form
        className="probe-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) void p.setUrls([...p.urls, draft.trim()]).then(() => setDraft(''));
        }}
      >
        <input
          type="url"
          value={draft}
          placeholder="https://ndes.contoso.com/certsrv/mscep/mscep.dll"
          aria-label={t('probe.addUrl')}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">{t('probe.add')}</button>
      </form>
      {urls.map((url) => {
        const report = p.reports[url];
        return (
          <section key={url} className="probe-url" data-probe-url={url}>
            <header>
              <code>{url}</code>
              {url === local && <span className="muted"> {t('probe.local')}</span>}
              <button
                type="button"
                disabled={p.running !== null}
                onClick={() => void p.run(url, raThumbprints)}
              >
                {p.running === url ? t('probe.running') : t('probe.run')}
              </button>
              {url !== local && (
                <button
                  type="button"
                  onClick={() => void p.setUrls(p.urls.filter((u) => u !== url))}
                >
                  {t('probe.remove')}
                </button>
              )}
            </header>
            {p.errors[url] && <p className="error-text">{p.errors[url]}</p>}
            {report && (
              <table className="grid" data-probe-verdict={report.verdict}>
                <tbody>
                  {report.steps.map((s, i) => (
                    <tr key={i} data-probe-step={s.name} data-verdict={s.verdict}>
                      <td>
                        <HealthIcon health={VERDICT[s.verdict] ?? 'unknown'} />
                      </td>
                      <td>{t(`probe.steps.${s.name}`, { defaultValue: s.name })}</td>
                      <td className="num">{s.status ?? '—'}</td>
                      <td className="num">
                        {s.elapsedMs === null ? '' : `${s.elapsedMs.toFixed(0)} ms`}
                      </td>
                      <td>
                        {s.meaning}
                        {s.error && <div className="muted">{s.error}</div>}
                        {s.notes.map((n, j) => (
                          <div key={j} className="muted">
                            {n}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
