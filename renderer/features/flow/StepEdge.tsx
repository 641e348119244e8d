import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  type Edge,
  type EdgeProps,
} from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Health, StepHealth } from '../../../shared/model';
import { useUi } from '../../stores/ui';
import { HealthIcon } from '../../components/HealthIcon';
import { STEP_NUMBER, type FlowEdgeDef } from './layout';

export type StepEdgeData = {
  def: FlowEdgeDef;
  health: Health;
  step?: StepHealth;
  selected: boolean;
  change?: string;
  /** Checks of the step fixed since the earlier side of a comparison or fix. */
  fixed?: number;
};

const STROKE: Record<Health, string> = {
  ok: 'var(--ok)',
  warn: 'var(--warn)',
  fail: 'var(--fail)',
  unknown: 'var(--unknown)',
};

/** A flow step between two components; the labelled edge of a step is its clickable element. */
export function StepEdge(props: EdgeProps<Edge<StepEdgeData>>) {
  const { t } = useTranslation();
  const selectStep = useUi((s) => s.selectStep);
  const { data } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  if (!data) return null;
  const { def, health, step } = data;
  const failing = (step?.counts.fail ?? 0) + (step?.counts.warn ?? 0);
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        style={{
          stroke: STROKE[health],
          strokeWidth: data.selected ? 4 : 2.5,
          strokeDasharray: def.dashed || health === 'unknown' ? '6 4' : undefined,
        }}
      />
      {def.labelled && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`flow-step health-${health} ${data.selected ? 'selected' : ''}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + (def.labelOffsetY ?? 0)}px)`,
            }}
            data-step={def.step}
            data-health={health}
            data-change={data.change}
            onClick={() => selectStep(def.step)}
            aria-label={t('flow.stepAria', {
              n: STEP_NUMBER[def.step],
              name: t(`steps.${def.step}`),
              health: t(`health.${health}`),
              count: failing,
            })}
          >
            <span className="step-num">{STEP_NUMBER[def.step]}</span>
            <span className="step-name">{t(`steps.short.${def.step}`)}</span>
            <HealthIcon health={health} />
            {failing > 0 && <span className="step-count">{failing}</span>}
            {data.change && data.change !== 'unchanged' && (
              <span className={`step-change change-${data.change}`}>
                {t(`compare.stepMark.${data.change}`)}
              </span>
            )}
            {(data.fixed ?? 0) > 0 && (
              <span className="step-change change-better" data-fixed={data.fixed}>
                {t('flow.fixedMark', { count: data.fixed })}
              </span>
            )}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
