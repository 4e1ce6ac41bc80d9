// Deployment (up) × utilization (right), one dot per account coloured by contact recency:
// blue = touched by CS recently, red = not. The bottom-left quadrant needs help first, and a red
// dot there is the top priority; those accounts are listed under the chart as links, too.
// Every account under the filters is plotted (10,000 and more): the dots of one colour are one
// SVG path, and the pointer finds the nearest dot instead of each dot listening for it.
import { useMemo, useState } from 'preact/hooks';
import type { AccountRates } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { navigate } from '../../state/route.ts';

export const CONTACT_COLOURS = { recent: '#2563eb', stale: '#dc2626' } as const;

/** Below half on both rates: the quadrant CS looks at first. */
const HELP = 0.5;
const W = 420;
const H = 300;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;

const clamp = (rate: number) => Math.max(0, Math.min(1, rate));
export const dotX = (utilization: number) => PAD.left + clamp(utilization) * plotW;
export const dotY = (deployment: number) => PAD.top + (1 - clamp(deployment)) * plotH;

/**
 * Many accounts share the same rates (e.g. 3 of 4 key features): a small offset, fixed per
 * account, keeps their dots from hiding one another. At most JITTER px either way.
 */
const JITTER = 5;
export function jitter(accountId: string): number {
  let hash = 0;
  for (let i = 0; i < accountId.length; i++) hash = (hash * 31 + accountId.charCodeAt(i)) | 0;
  return ((hash % 1000) / 1000) * JITTER;
}

/** Smaller dots when there are many, so a dense cloud still shows its shape. */
export const dotRadius = (n: number) => (n > 2000 ? 2.5 : n > 500 ? 3.5 : 5);

/** How far (in chart units) from a dot the pointer may be and still pick it. */
const PICK_DISTANCE = 8;

export interface Plot {
  x: Float64Array;
  y: Float64Array;
  /** Each colour's dots as one path: a zero-length line per dot, drawn with round caps. */
  paths: Record<keyof typeof CONTACT_COLOURS, string>;
}

export function plotOf(rates: AccountRates): Plot {
  const n = rates.accountId.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const parts: Record<keyof typeof CONTACT_COLOURS, string[]> = { recent: [], stale: [] };
  for (let i = 0; i < n; i++) {
    const id = rates.accountId[i]!;
    x[i] = dotX(rates.utilization[i]!) + jitter(id);
    y[i] = dotY(rates.deployment[i]!) + jitter(`${id}/y`);
    parts[rates.contact[i]!].push(`M${x[i]!.toFixed(1)} ${y[i]!.toFixed(1)}h0`);
  }
  return { x, y, paths: { recent: parts.recent.join(''), stale: parts.stale.join('') } };
}

/** The index of the dot nearest (cx, cy) within `within` chart units, or -1. */
export function nearestDot(plot: Pick<Plot, 'x' | 'y'>, cx: number, cy: number, within = PICK_DISTANCE): number {
  let best = -1;
  let bestDistance = within * within;
  for (let i = 0; i < plot.x.length; i++) {
    const dx = plot.x[i]! - cx;
    const dy = plot.y[i]! - cy;
    const distance = dx * dx + dy * dy;
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A pointer position in chart units. The SVG keeps its aspect ratio inside its box (centred),
 * so the box may have margins on two sides when CSS caps its height.
 */
export function toChart(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): [number, number] {
  const scale = Math.min(box.width / W, box.height / H) || 1;
  return [(clientX - box.left - (box.width - W * scale) / 2) / scale, (clientY - box.top - (box.height - H * scale) / 2) / scale];
}

const needsHelp = (rates: AccountRates, i: number) => rates.deployment[i]! < HELP && rates.utilization[i]! < HELP;

export function Scatter({ rates }: { rates: AccountRates }) {
  const plot = useMemo(() => plotOf(rates), [rates]);
  const [hovered, setHovered] = useState(-1);
  const n = rates.accountId.length;
  const r = dotRadius(n);
  const dotAt = (event: MouseEvent) => {
    const [cx, cy] = toChart((event.currentTarget as Element).getBoundingClientRect(), event.clientX, event.clientY);
    return nearestDot(plot, cx, cy, Math.max(PICK_DISTANCE, r));
  };
  const open = (event: MouseEvent) => {
    const i = dotAt(event);
    if (i >= 0) navigate(`#/accounts/${encodeURIComponent(rates.accountId[i]!)}`);
  };
  // Lowest health first, as the server sends them.
  const priority: number[] = [];
  for (let i = 0; i < n; i++) if (rates.contact[i] === 'stale' && needsHelp(rates, i)) priority.push(i);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure class="scatter">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label={`Deployment against utilization for ${n} accounts; ${priority.length} need help and have no recent CS touch`}
        data-plotted={n}
        class={hovered >= 0 ? 'picking' : undefined}
        onClick={open}
        onMouseMove={(event) => setHovered(dotAt(event))}
        onMouseLeave={() => setHovered(-1)}
      >
        <rect class="help-zone" x={PAD.left} y={dotY(HELP)} width={dotX(HELP) - PAD.left} height={PAD.top + plotH - dotY(HELP)} />
        <text class="zone-label" x={PAD.left + 6} y={PAD.top + plotH - 6}>
          needs help
        </text>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={dotX(t)} x2={dotX(t)} y1={PAD.top} y2={PAD.top + plotH} />
            <line x1={PAD.left} x2={PAD.left + plotW} y1={dotY(t)} y2={dotY(t)} />
            <text x={dotX(t)} y={H - PAD.bottom + 14} text-anchor="middle">
              {formatPercent(t)}
            </text>
            <text x={PAD.left - 6} y={dotY(t) + 4} text-anchor="end">
              {formatPercent(t)}
            </text>
          </g>
        ))}
        <text class="axis" x={PAD.left + plotW / 2} y={H - 4} text-anchor="middle">
          utilization →
        </text>
        <text class="axis" transform={`translate(12 ${PAD.top + plotH / 2}) rotate(-90)`} text-anchor="middle">
          deployment →
        </text>
        <g class="dots" stroke-width={r * 2}>
          {/* Red last: the accounts nobody has talked to stay on top. */}
          <path class="contact-recent" d={plot.paths.recent} stroke={CONTACT_COLOURS.recent} />
          <path class="contact-stale" d={plot.paths.stale} stroke={CONTACT_COLOURS.stale} />
        </g>
        {hovered >= 0 && <circle class="hovered-dot" cx={plot.x[hovered]} cy={plot.y[hovered]} r={r + 2} fill={CONTACT_COLOURS[rates.contact[hovered]!]} />}
      </svg>
      {/* Under the chart rather than in it: a long account name wraps instead of running off the edge. */}
      <p class="hover-label">
        {hovered >= 0 ? (
          <>
            <strong>{rates.name[hovered]}</strong>: deployment {formatPercent(rates.deployment[hovered]!)}, utilization {formatPercent(rates.utilization[hovered]!)}, contact {rates.contact[hovered]}
          </>
        ) : (
          <span class="muted">Point at a dot to name its account; click to open it.</span>
        )}
      </p>
      <figcaption>
        <span class="legend-item">
          <span class="dot" style={{ background: CONTACT_COLOURS.recent }} aria-hidden="true" /> touched recently
        </span>
        <span class="legend-item">
          <span class="dot" style={{ background: CONTACT_COLOURS.stale }} aria-hidden="true" /> no recent touch
        </span>
        <span class="muted small">{formatNumber(n)} accounts plotted</span>
        {rates.unplotted > 0 && <span class="muted small">{formatNumber(rates.unplotted)} without deployment or utilization data (no seat count, no key features) are not plotted</span>}
      </figcaption>
      {priority.length > 0 && (
        <div class="priority">
          <strong>Top priority</strong> (needs help, no recent touch):{' '}
          {priority.slice(0, 8).map((i, k) => (
            <span key={rates.accountId[i]}>
              {k > 0 && ', '}
              <a href={`#/accounts/${encodeURIComponent(rates.accountId[i]!)}`}>{rates.name[i]}</a>
            </span>
          ))}
          {priority.length > 8 && <span class="muted"> and {formatNumber(priority.length - 8)} more</span>}
        </div>
      )}
    </figure>
  );
}
