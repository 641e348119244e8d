import { useTranslation } from 'react-i18next';
import { STEP_IDS } from '../../../shared/model';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { HealthIcon } from '../../components/HealthIcon';

/** With nothing selected: each step's health and counts, as a starting point. */
export function StepOverview() {
  const { t } = useTranslation();
  const steps = useRun((s) => s.run?.report.steps ?? []);
  const selectStep = useUi((s) => s.selectStep);
  return (
    <div className="overview">
      <h2>{t('overview.title')}</h2>
      <p>{t('overview.hint')}</p>
      <table>
        <tbody>
          {STEP_IDS.map((id) => {
            const s = steps.find((x) => x.id === id);
            const health = s?.health ?? 'unknown';
            return (
              <tr key={id}>
                <td>
                  <HealthIcon health={health} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => selectStep(id)}>
                    {t(`steps.${id}`)}
                  </button>
                </td>
                <td>{t(`health.${health}`)}</td>
                <td className="counts">
                  {Object.entries(s?.counts ?? {})
                    .map(([k, v]) => `${v} ${t(`status.${k}`)}`)
                    .join(' · ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
