// The SCEP flow as a diagram: components of the flow as nodes, flow steps 1–6 as edges
// (CHECKS.md §2). Each step has exactly one labelled element carrying data-step.
import type { StepId } from '../../../shared/model';

export interface FlowNodeDef {
  id: string;
  /** Catalog key of the node's name. */
  label: string;
  /** Step whose health colours this node. */
  step: StepId;
  /** The node is the step's own element (the host foundation). */
  isStepElement?: boolean;
  x: number;
  y: number;
  icon: string;
}

export interface FlowEdgeDef {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
  step: StepId;
  /** Shows the step label (exactly one edge per step). */
  labelled: boolean;
  dashed?: boolean;
  /** Moves the label off the line (px), for edges between close nodes. */
  labelOffsetY?: number;
}

export const FLOW_NODES: FlowNodeDef[] = [
  { id: 'device', label: 'flow.nodes.device', step: 'delivery', x: 0, y: 100, icon: 'device' },
  {
    id: 'proxy',
    label: 'flow.nodes.proxy',
    step: 'device-to-ndes',
    x: 235,
    y: 100,
    icon: 'shield',
  },
  { id: 'iis', label: 'flow.nodes.iis', step: 'device-to-ndes', x: 470, y: 100, icon: 'globe' },
  { id: 'ndes', label: 'flow.nodes.ndes', step: 'device-to-ndes', x: 705, y: 100, icon: 'gear' },
  {
    id: 'connector',
    label: 'flow.nodes.connector',
    step: 'policy-module',
    x: 940,
    y: 100,
    icon: 'plug',
  },
  { id: 'intune', label: 'flow.nodes.intune', step: 'reporting', x: 940, y: -40, icon: 'cloud' },
  { id: 'ca', label: 'flow.nodes.ca', step: 'ndes-to-ca', x: 705, y: 235, icon: 'ca' },
  {
    id: 'host',
    label: 'flow.nodes.host',
    step: 'host',
    isStepElement: true,
    x: 360,
    y: 235,
    icon: 'server',
  },
];

export const FLOW_EDGES: FlowEdgeDef[] = [
  {
    id: 'e-profile',
    source: 'intune',
    target: 'device',
    sourceHandle: 'l',
    targetHandle: 't',
    step: 'profile',
    labelled: true,
  },
  { id: 'e-d2n-1', source: 'device', target: 'proxy', step: 'device-to-ndes', labelled: false },
  {
    id: 'e-d2n-2',
    source: 'proxy',
    target: 'iis',
    step: 'device-to-ndes',
    labelled: true,
    labelOffsetY: -42,
  },
  { id: 'e-d2n-3', source: 'iis', target: 'ndes', step: 'device-to-ndes', labelled: false },
  {
    id: 'e-policy',
    source: 'ndes',
    target: 'connector',
    step: 'policy-module',
    labelled: true,
    labelOffsetY: -42,
  },
  {
    id: 'e-ca',
    source: 'ndes',
    target: 'ca',
    sourceHandle: 'b',
    targetHandle: 't',
    step: 'ndes-to-ca',
    labelled: true,
  },
  {
    id: 'e-delivery',
    source: 'ca',
    target: 'device',
    sourceHandle: 'l',
    targetHandle: 'b',
    step: 'delivery',
    labelled: true,
    dashed: true,
  },
  {
    id: 'e-reporting',
    source: 'connector',
    target: 'intune',
    sourceHandle: 't',
    targetHandle: 'b',
    step: 'reporting',
    labelled: true,
  },
];

/** Step numbers as the docs count them. */
export const STEP_NUMBER: Partial<Record<StepId, number>> = {
  profile: 1,
  'device-to-ndes': 2,
  'policy-module': 3,
  'ndes-to-ca': 4,
  delivery: 5,
  reporting: 6,
};
