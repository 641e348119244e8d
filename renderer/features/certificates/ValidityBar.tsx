import { useTranslation } from 'react-i18next';

/** NotBefore → NotAfter with a marker at collection time. */
export function ValidityBar({
  notBefore,
  notAfter,
  nowMs,
}: {
  notBefore: string;
  notAfter: string;
  nowMs: number;
}) {
  const { t } = useTranslation();
  const a = Date.parse(notBefore);
  const b = Date.parse(notAfter);
  const pct = Math.max(0, Math.min(100, ((nowMs - a) / Math.max(1, b - a)) * 100));
  return (
    <div
      className="validity"
      role="img"
      aria-label={t('certs.validityAria', {
        from: notBefore.slice(0, 10),
        to: notAfter.slice(0, 10),
      })}
    >
      <div className="validity-track">
        <div className="validity-used" style={{ width: `${pct}%` }} />
        <div className="validity-now" style={{ left: `${pct}%` }} />
      </div>
      <div className="validity-labels">
        <span>{notBefore.slice(0, 10)}</span>
        <span>{notAfter.slice(0, 10)}</span>
      </div>
    </div>
  );
}
