// Above the diagram after a verified fix: what changed, and a switch between the flow before the
// fix and after it (the re-run checks in place of the earlier ones).
import { useTranslation } from 'react-i18next';
import { useUi } from '../../stores/ui';

export function FixOverlayBanner() {
  const { t } = useTranslation();
  const fix = useUi((s) => s.fixOverlay);
  const setSide = useUi((s) => s.setFixSide);
  const close = useUi((s) => s.showFixOverlay);
  if (!fix) return null;
  return (
    <div className="fix-overlay" role="status" data-fix-overlay={fix.fixId}>
      <span>
        {t('fixOverlay.label', {
          id: fix.fixId,
          check: fix.checkId,
          fixed: fix.diff.counts.fixed,
          new: fix.diff.counts.new,
        })}
        {fix.rebootPending && ` ${t('fixOverlay.reboot')}`}
      </span>
      <span className="segmented" role="group">
        {(['before', 'after'] as const).map((side) => (
          <button
            key={side}
            type="button"
            aria-pressed={fix.side === side}
            className={fix.side === side ? 'active' : ''}
            data-fix-show={side}
            onClick={() => setSide(side)}
          >
            {t(`fixOverlay.${side}`)}
          </button>
        ))}
      </span>
      <button type="button" data-action="close-fix-overlay" onClick={() => close(null)}>
        {t('fixOverlay.close')}
      </button>
    </div>
  );
}
