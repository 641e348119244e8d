import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateView } from '../../../shared/ipc/channels';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { daysLeft, expiry } from './cert-info';

const ROLE_ORDER = ['ra-cep-encryption', 'ra-enrollment-agent', 'tls', 'connector', 'ca', 'root'];

/** RA, TLS, connector and CA certificates on one timeline: days left and warnings. */
export function CertificatesDashboard() {
  const { t } = useTranslation();
  const run = useRun((s) => s.run);
  const show = useUi((s) => s.showEvidence);
  const certs = useMemo(
    () =>
      (run?.certificates ?? [])
        .filter((c) => c.role !== null)
        .sort(
          (a, b) =>
            ROLE_ORDER.indexOf(a.role!) - ROLE_ORDER.indexOf(b.role!) ||
            a.notAfter.localeCompare(b.notAfter),
        ),
    [run],
  );
  if (!run) return null;
  const nowMs = Date.parse(run.report.collectedAt);
  if (certs.length === 0) return <p className="empty">{t('certs.none')}</p>;
  const min = Math.min(...certs.map((c) => Date.parse(c.notBefore)), nowMs);
  const max = Math.max(...certs.map((c) => Date.parse(c.notAfter)), nowMs);
  const x = (ms: number) => ((ms - min) / Math.max(1, max - min)) * 100;
  return (
    <div className="certs-dashboard">
      <table className="grid timeline">
        <thead>
          <tr>
            <th>{t('certs.role')}</th>
            <th>{t('certs.subject')}</th>
            <th>{t('certs.daysLeft')}</th>
            <th className="timeline-col">{t('certs.timeline')}</th>
          </tr>
        </thead>
        <tbody>
          {certs.map((c: CertificateView) => {
            const e = expiry(c, nowMs);
            return (
              <tr key={`${c.store}-${c.thumbprint}`} data-cert-row={c.thumbprint} data-expiry={e}>
                <td>{t(`certs.roles.${c.role}`)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => show({ kind: 'certificate', thumbprint: c.thumbprint })}
                  >
                    {c.subjectCN ?? c.subject}
                  </button>
                </td>
                <td className={`num exp-${e}`}>
                  {e === 'expired' ? '✖ ' : e === 'soon' ? '▲ ' : ''}
                  {daysLeft(c, nowMs)}
                </td>
                <td className="timeline-col">
                  <div className="tl-track">
                    <div
                      className={`tl-bar exp-${e}`}
                      style={{
                        left: `${x(Date.parse(c.notBefore))}%`,
                        width: `${x(Date.parse(c.notAfter)) - x(Date.parse(c.notBefore))}%`,
                      }}
                    />
                    <div
                      className="tl-now"
                      style={{ left: `${x(nowMs)}%` }}
                      title={t('certs.collectedAt')}
                    />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
