import { useTranslation } from 'react-i18next';
import type { CheckStatus, Health } from '../../shared/model';
import { STATUS_ICON } from '../../shared/report/icons';

/** Health or status shown by shape as well as colour (never colour alone). */
export function HealthIcon({ health }: { health: Health | CheckStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`health-icon health-${health}`} role="img" aria-label={t(`status.${health}`)}>
      {STATUS_ICON[health]}
    </span>
  );
}

export function StatusBadge({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status}`} data-status={status}>
      <HealthIcon health={status} /> {t(`status.${status}`)}
    </span>
  );
}
