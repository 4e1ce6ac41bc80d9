// Health score over time: a line across green / yellow / red bands (the current thresholds), and
// the components the latest score is made of.
import type { ComponentScore, HealthSnapshot } from '../../api.ts';
import { formatDay, formatDecimal, formatPercent } from '../../format.ts';

const W = 560;
const H = 180;
const PAD = { left: 34, right: 10, top: 10, bottom: 24 };
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;
const y = (score: number) => PAD.top + (1 - score / 100) * plotH;

export interface Thresholds {
  green: number;
  yellow: number;
}

/** Points of the line; a day without a score breaks it instead of drawing a made-up value. */
export function healthSegments(history: readonly HealthSnapshot[]): { x: number; y: number; snapshot: HealthSnapshot }[][] {
  const step = history.length > 1 ? plotW / (history.length - 1) : 0;
  const segments: { x: number; y: number; snapshot: HealthSnapshot }[][] = [];
  let current: (typeof segments)[number] = [];
  history.forEach((snapshot, i) => {
    if (snapshot.healthScore === null) {
      if (current.length) segments.push(current);
      current = [];
      return;
    }
    current.push({ x: PAD.left + (history.length > 1 ? i * step : plotW / 2), y: y(snapshot.healthScore), snapshot });
  });
  if (current.length) segments.push(current);
  return segments;
}

export function HealthChart({ history, thresholds }: { history: readonly HealthSnapshot[]; thresholds: Thresholds }) {
  if (!history.length) return <p class="empty">No history yet: a snapshot is kept every day the account's metrics are evaluated.</p>;
  const segments = healthSegments(history);
  const first = history[0]!;
  const last = history[history.length - 1]!;
  return (
    <figure class="health-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Health score from ${formatDay(first.day)} to ${formatDay(last.day)}: now ${formatDecimal(last.healthScore)} (${last.healthColour ?? 'unknown'})`}>
        <rect class="band-green" x={PAD.left} width={plotW} y={y(100)} height={y(thresholds.green) - y(100)} />
        <rect class="band-yellow" x={PAD.left} width={plotW} y={y(thresholds.green)} height={y(thresholds.yellow) - y(thresholds.green)} />
        <rect class="band-red" x={PAD.left} width={plotW} y={y(thresholds.yellow)} height={y(0) - y(thresholds.yellow)} />
        {[0, thresholds.yellow, thresholds.green, 100].map((t) => (
          <text key={t} class="tick-label" x={PAD.left - 4} y={y(t) + 4} text-anchor="end">
            {t}
          </text>
        ))}
        {segments.map((points, i) => (
          <polyline key={i} class="health-line" points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} />
        ))}
        {segments.flat().map((p) => (
          <circle key={p.snapshot.day} class={`health-point health-${p.snapshot.healthColour ?? 'unknown'}`} cx={p.x} cy={p.y} r={3.5}>
            <title>
              {formatDay(p.snapshot.day)}: {formatDecimal(p.snapshot.healthScore)} ({p.snapshot.healthColour}), {p.snapshot.stage}
            </title>
          </circle>
        ))}
        <text class="tick-label" x={PAD.left} y={H - 6}>
          {formatDay(first.day)}
        </text>
        {history.length > 1 && (
          <text class="tick-label" x={W - PAD.right} y={H - 6} text-anchor="end">
            {formatDay(last.day)}
          </text>
        )}
      </svg>
      {history.length === 1 && <figcaption class="muted small">One day of history so far: the line grows with a snapshot each day.</figcaption>}
    </figure>
  );
}

const componentValue = (c: ComponentScore) => {
  if (c.value === null) return 'no data';
  if (c.metric === 'deployment' || c.metric === 'utilization' || c.metric === 'breadth') return formatPercent(c.value);
  if (c.metric === 'recency' || c.metric === 'touch') return `${formatDecimal(c.value)} days`;
  return formatDecimal(c.value);
};

export function HealthComponents({ components }: { components: readonly ComponentScore[] }) {
  const totalWeight = components.reduce((n, c) => n + c.weight, 0) || 1;
  return (
    <table class="components">
      <caption class="sr-only">Health score components</caption>
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col" class="num">Weight</th>
          <th scope="col" class="num">Value</th>
          <th scope="col" class="num">Score</th>
        </tr>
      </thead>
      <tbody>
        {components.map((c) => (
          <tr key={c.metric + c.label}>
            <th scope="row">{c.label}</th>
            <td class="num">{formatPercent(c.weight / totalWeight)}</td>
            <td class="num">{componentValue(c)}</td>
            <td class="num">{c.score === null ? '—' : formatDecimal(c.score)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
