import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Health, StepHealth } from '../../../shared/model';
import { useUi } from '../../stores/ui';
import { HealthIcon } from '../../components/HealthIcon';
import type { FlowNodeDef } from './layout';
import { NodeIcon } from './NodeIcon';

export type StepNodeData = {
  def: FlowNodeDef;
  health: Health;
  step?: StepHealth;
  selected: boolean;
  change?: string;
  /** Checks of the step fixed since the earlier side of a comparison or fix. */
  fixed?: number;
};

/** A component of the SCEP flow (device, proxy, IIS, NDES, connector, Intune, CA, host). */
export function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  const { t } = useTranslation();
  const selectStep = useUi((s) => s.selectStep);
  const { def, health, step } = data;
  const failing = (step?.counts.fail ?? 0) + (step?.counts.warn ?? 0);
  const stepAttrs = def.isStepElement ? { 'data-step': def.step, 'data-health': health } : {};
  return (
    <button
      type="button"
      className={`flow-node health-${health} ${data.selected ? 'selected' : ''}`}
      data-node={def.id}
      data-node-health={health}
      {...stepAttrs}
      onClick={() => selectStep(def.step)}
      aria-label={t('flow.nodeAria', {
        name: t(def.label),
        health: t(`health.${health}`),
        count: failing,
      })}
    >
      <Handle type="target" position={Position.Left} id="l" />
      <Handle type="target" position={Position.Top} id="t" />
      <Handle type="target" position={Position.Bottom} id="b" />
      <Handle type="source" position={Position.Right} id="r" />
      <Handle type="source" position={Position.Bottom} id="b" />
      <Handle type="source" position={Position.Top} id="t" />
      <Handle type="source" position={Position.Left} id="l" />
      <NodeIcon name={def.icon} />
      <span className="node-title">{t(def.label)}</span>
      <span className="node-health">
        <HealthIcon health={health} /> {t(`health.${health}`)}
        {failing > 0 && (
          <span className="node-count">{t('flow.findingsCount', { count: failing })}</span>
        )}
        {data.change && data.change !== 'unchanged' && (
          <span className={`step-change change-${data.change}`}>
            {t(`compare.stepMark.${data.change}`)}
          </span>
        )}
        {def.isStepElement && (data.fixed ?? 0) > 0 && (
          <span className="step-change change-better" data-fixed={data.fixed}>
            {t('flow.fixedMark', { count: data.fixed })}
          </span>
        )}
      </span>
    </button>
  );
}
