import { useTranslation } from 'react-i18next';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { chainOf, daysLeft, EKU_NAMES, expiry } from './cert-info';
import { ValidityBar } from './ValidityBar';

/** Everything about one certificate that matters to NDES. */
export function CertificateViewer({ thumbprint }: { thumbprint: string }) {
  const { t } = useTranslation();
  const run = useRun((s) => s.run);
  const show = useUi((s) => s.showEvidence);
  const all = run?.certificates ?? [];
  const c = all.find((x) => x.thumbprint === thumbprint);
  if (!run || !c) return <p className="muted">{t('certs.notCollected', { thumbprint })}</p>;
  const nowMs = Date.parse(run.report.collectedAt);
  const chain = chainOf(c, all);
  const rows: [string, string][] = [
    [t('certs.subject'), c.subject],
    [t('certs.issuer'), c.issuer],
    [t('certs.san'), c.sanDns.join(', ') || '—'],
    [
      t('certs.eku'),
      c.eku === null ? t('certs.noEku') : c.eku.map((o) => EKU_NAMES[o] ?? o).join(', '),
    ],
    [t('certs.keyUsage'), c.keyUsage?.join(', ') ?? '—'],
    [t('certs.template'), c.template ?? '—'],
    [t('certs.store'), `LocalMachine\\${c.store}`],
    [t('certs.thumbprint'), c.thumbprint],
    [
      t('certs.privateKey'),
      c.hasPrivateKey === null
        ? t('certs.keyUnknown')
        : c.hasPrivateKey
          ? t('common.yes')
          : t('common.no'),
    ],
    [t('certs.provider'), c.keyProvider ?? '—'],
  ];
  return (
    <div className="cert-viewer" data-cert={c.thumbprint}>
      <h4>{c.subjectCN ?? c.subject}</h4>
      <ValidityBar notBefore={c.notBefore} notAfter={c.notAfter} nowMs={nowMs} />
      <p className={`expiry exp-${expiry(c, nowMs)}`}>
        {t(`certs.expiry.${expiry(c, nowMs)}`, { count: Math.abs(daysLeft(c, nowMs)) })}
      </p>
      <table className="kv">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('certs.chain')}</h4>
      <ol className="chain">
        {chain.map((x) => (
          <li key={x.thumbprint}>
            <button
              type="button"
              className="link"
              onClick={() => show({ kind: 'certificate', thumbprint: x.thumbprint })}
            >
              {x.subjectCN ?? x.subject}
            </button>{' '}
            <span className="muted">({x.store})</span>
          </li>
        ))}
        {!chain[chain.length - 1]?.selfIssued && (
          <li className="muted">
            {t('certs.chainIncomplete', { issuer: chain[chain.length - 1]?.issuer })}
          </li>
        )}
      </ol>
    </div>
  );
}
