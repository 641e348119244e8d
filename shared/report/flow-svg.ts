// The SCEP flow (CHECKS.md §2) as an inline SVG for the self-contained HTML report: the same
// components and numbered steps as the app's diagram, coloured by step health, with the health
// also written out so the picture still reads on a black-and-white printout. No script, no fonts.
import type { Health, StepHealth, StepId } from '../model';

interface Box {
  id: string;
  label: string;
  step: StepId;
  x: number;
  y: number;
  w?: number;
}

const W = 200;
const H = 64;

const BOXES: Box[] = [
  { id: 'intune', label: 'Intune service', step: 'reporting', x: 940, y: 16 },
  { id: 'device', label: 'Devices (iOS, Android, Windows)', step: 'delivery', x: 0, y: 176 },
  { id: 'proxy', label: 'Reverse proxy (App Proxy / WAP)', step: 'device-to-ndes', x: 235, y: 176 },
  { id: 'iis', label: 'HTTP.sys + IIS', step: 'device-to-ndes', x: 470, y: 176 },
  { id: 'ndes', label: 'NDES (mscep.dll)', step: 'device-to-ndes', x: 705, y: 176 },
  {
    id: 'connector',
    label: 'Intune policy module / connector',
    step: 'policy-module',
    x: 940,
    y: 176,
  },
  { id: 'ca', label: 'Issuing CA', step: 'ndes-to-ca', x: 705, y: 336 },
  {
    id: 'host',
    label: 'Host foundation (NDES server): OS, IIS features, service account, TLS',
    step: 'host',
    x: 0,
    y: 456,
    w: 1140,
  },
];

interface Edge {
  step: StepId;
  /** SVG path. */
  d: string;
  /** Label position; omitted for the unlabelled segments of a step. */
  label?: { x: number; y: number; text: string };
  dashed?: boolean;
}

const EDGES: Edge[] = [
  {
    step: 'profile',
    d: 'M940,48 H100 V176',
    label: { x: 520, y: 40, text: '1 Profile delivered' },
  },
  { step: 'device-to-ndes', d: 'M200,208 H235' },
  {
    step: 'device-to-ndes',
    d: 'M435,208 H470',
    label: { x: 452, y: 160, text: '2 Device → NDES' },
  },
  { step: 'device-to-ndes', d: 'M670,208 H705' },
  {
    step: 'policy-module',
    d: 'M905,208 H940',
    label: { x: 905, y: 160, text: '3 Challenge check' },
  },
  { step: 'ndes-to-ca', d: 'M805,240 V336', label: { x: 815, y: 294, text: '4 NDES → CA' } },
  {
    step: 'delivery',
    d: 'M705,368 H100 V240',
    label: { x: 400, y: 360, text: '5 Certificate delivered' },
    dashed: true,
  },
  { step: 'reporting', d: 'M1040,176 V80', label: { x: 1040, y: 128, text: '6 Reporting' } },
];

const COLOR: Record<Health, string> = {
  ok: '#1a7f37',
  warn: '#9a6700',
  fail: '#cf222e',
  unknown: '#6e7781',
};
const FILL: Record<Health, string> = {
  ok: '#dafbe1',
  warn: '#fff8c5',
  fail: '#ffebe9',
  unknown: '#f6f8fa',
};
const MARK: Record<Health, string> = {
  ok: '✔ ok',
  warn: '▲ warn',
  fail: '✖ fail',
  unknown: '? unknown',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Splits a label into at most two lines of about `max` characters. */
function lines(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const cut = text.lastIndexOf(' ', max);
  const at = cut > 0 ? cut : max;
  return [text.slice(0, at), text.slice(at).trim()];
}

/** The flow diagram as an `<svg>` element. */
export function flowSvg(steps: readonly StepHealth[]): string {
  const health = (id: StepId): Health => steps.find((s) => s.id === id)?.health ?? 'unknown';
  const edges = EDGES.map((e) => {
    const h = health(e.step);
    const path = `<path d="${e.d}" fill="none" stroke="${COLOR[h]}" stroke-width="3"${e.dashed ? ' stroke-dasharray="8 6"' : ''} marker-end="url(#arrow-${h})"/>`;
    if (!e.label) return path;
    const { x, y, text } = e.label;
    const label = `${text} · ${MARK[h]}`;
    const width = label.length * 7.2 + 16;
    return `${path}<g class="edge-label" data-step="${e.step}" data-health="${h}"><rect x="${x - width / 2}" y="${y - 15}" width="${width}" height="22" rx="11" fill="#fff" stroke="${COLOR[h]}"/><text x="${x}" y="${y}" text-anchor="middle" fill="${COLOR[h]}" font-size="13" font-weight="600">${esc(label)}</text></g>`;
  }).join('');
  const boxes = BOXES.map((b) => {
    const h = health(b.step);
    const w = b.w ?? W;
    const text = lines(b.label, b.w ? 200 : 24);
    const mid = b.y + H / 2 + (text.length === 1 ? 5 : -4);
    const tspans = text
      .map((t, i) => `<tspan x="${b.x + w / 2}" dy="${i === 0 ? 0 : 17}">${esc(t)}</tspan>`)
      .join('');
    const own = b.step === 'host' ? ` data-step="host" data-health="${h}"` : '';
    return `<g class="node" data-node="${b.id}"${own}><rect x="${b.x}" y="${b.y}" width="${w}" height="${H}" rx="10" fill="${FILL[h]}" stroke="${COLOR[h]}" stroke-width="2"/><text y="${mid}" text-anchor="middle" font-size="14" fill="#1f2328">${tspans}</text>${b.step === 'host' ? `<text x="${b.x + w - 12}" y="${b.y + 22}" text-anchor="end" font-size="13" font-weight="600" fill="${COLOR[h]}">${MARK[h]}</text>` : ''}</g>`;
  }).join('');
  const markers = (Object.keys(COLOR) as Health[])
    .map(
      (h) =>
        `<marker id="arrow-${h}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLOR[h]}"/></marker>`,
    )
    .join('');
  return `<svg class="flow-svg" viewBox="-4 0 1152 528" role="img" aria-label="SCEP flow with the health of each step" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif"><defs>${markers}</defs>${edges}${boxes}</svg>`;
}
