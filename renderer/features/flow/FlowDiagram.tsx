// Interactive SCEP flow diagram (React Flow), coloured by step health. Clicking or pressing Enter on
// a node or step label shows that step's findings.
import { useMemo } from 'react';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Health, StepHealth, StepId } from '../../../shared/model';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';
import { useHistory } from '../../stores/history';
import { FLOW_EDGES, FLOW_NODES } from './layout';
import { StepNode, type StepNodeData } from './StepNode';
import { StepEdge, type StepEdgeData } from './StepEdge';

const nodeTypes = { step: StepNode };
const edgeTypes = { step: StepEdge };

export function FlowDiagram() {
  const { t } = useTranslation();
  const runSteps = useRun((s) => s.run?.report.steps);
  const selectedStep = useUi((s) => s.selectedStep);
  const fix = useUi((s) => s.fixOverlay);
  const compared = useHistory((s) => s.diff);
  // A verified fix shows its before or after side with its markers; else a comparison's markers.
  const steps = fix?.side === 'after' ? fix.afterSteps : runSteps;
  const diff = fix ? fix.diff : compared;
  const changeOf = (step: StepId) => diff?.steps.find((x) => x.id === step)?.change;
  const fixedOf = (step: StepId) => diff?.steps.find((x) => x.id === step)?.checks.fixed ?? 0;
  const byId = useMemo(
    () => new Map<StepId, StepHealth>((steps ?? []).map((s) => [s.id, s])),
    [steps],
  );

  const nodes: Node<StepNodeData>[] = useMemo(
    () =>
      FLOW_NODES.map((n) => ({
        id: n.id,
        type: 'step',
        position: { x: n.x, y: n.y },
        draggable: false,
        selectable: false,
        focusable: false,
        data: {
          def: n,
          health: health(byId, n.step),
          step: byId.get(n.step),
          selected: selectedStep === n.step,
          change: changeOf(n.step),
          fixed: fixedOf(n.step),
        },
      })),
    [byId, selectedStep, diff],
  );
  const edges: Edge<StepEdgeData>[] = useMemo(
    () =>
      FLOW_EDGES.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle ?? 'r',
        targetHandle: e.targetHandle ?? 'l',
        type: 'step',
        selectable: false,
        focusable: false,
        data: {
          def: e,
          health: health(byId, e.step),
          step: byId.get(e.step),
          selected: selectedStep === e.step,
          change: changeOf(e.step),
          fixed: fixedOf(e.step),
        },
      })),
    [byId, selectedStep, diff],
  );

  return (
    <div
      className="flow"
      aria-label={t('flow.label')}
      role="group"
      data-fix-side={fix ? fix.side : undefined}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        panOnDrag={false}
        preventScrolling={false}
        minZoom={0.3}
      />
    </div>
  );
}

function health(byId: Map<StepId, StepHealth>, step: StepId): Health {
  return byId.get(step)?.health ?? 'unknown';
}
