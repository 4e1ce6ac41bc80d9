// Deployment (up) × utilization (right), one dot per account coloured by contact recency:
// blue = touched by CS recently, red = not. The bottom-left quadrant needs help first, and a red
// dot there is the top priority; those accounts are listed under the chart as links, too.
import { useState } from 'preact/hooks';
import type { AccountRow } from '../../api.ts';
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

export const contactColour = (a: Pick<AccountRow, 'contact'>): string => CONTACT_COLOURS[a.contact];
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

export const needsHelp = (a: AccountRow) => a.deploymentRate !== null && a.utilizationRate !== null && a.deploymentRate < HELP && a.utilizationRate < HELP;

const accountOf = (event: Event) => (event.target as Element).getAttribute?.('data-account');

export function Scatter({ accounts, total }: { accounts: AccountRow[]; total: number }) {
  const [hovered, setHovered] = useState<AccountRow | null>(null);
  const plotted = accounts.filter((a) => a.deploymentRate !== null && a.utilizationRate !== null);
  // One listener for all dots rather than one per dot: hundreds of dots render noticeably faster.
  const open = (event: Event) => {
    const id = accountOf(event);
    if (id) navigate(`#/accounts/${encodeURIComponent(id)}`);
  };
  const hover = (event: Event) => {
    const id = accountOf(event);
    setHovered(id ? (plotted.find((a) => a.accountId === id) ?? null) : null);
  };
  const priority = plotted.filter((a) => needsHelp(a) && a.contact === 'stale');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure class="scatter">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label={`Deployment against utilization for ${plotted.length} accounts; ${priority.length} need help and have no recent CS touch`}
        onClick={open}
        onMouseOver={hover}
        onMouseLeave={() => setHovered(null)}
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
        <g class="dots">
          {plotted.map((a) => (
            <circle key={a.accountId} data-account={a.accountId} cx={dotX(a.utilizationRate!) + jitter(a.accountId)} cy={dotY(a.deploymentRate!) + jitter(`${a.accountId}/y`)} r={5} fill={contactColour(a)} />
          ))}
        </g>
        {hovered && (
          <text class="hover-label" x={PAD.left + 6} y={PAD.top + 12}>
            {hovered.name}: deployment {formatPercent(hovered.deploymentRate)}, utilization {formatPercent(hovered.utilizationRate)}, contact {hovered.contact}
          </text>
        )}
      </svg>
      <figcaption>
        <span class="legend-item">
          <span class="dot" style={{ background: CONTACT_COLOURS.recent }} aria-hidden="true" /> touched recently
        </span>
        <span class="legend-item">
          <span class="dot" style={{ background: CONTACT_COLOURS.stale }} aria-hidden="true" /> no recent touch
        </span>
        {total > accounts.length && (
          <span class="muted small">
            the {formatNumber(accounts.length)} lowest-health of {formatNumber(total)} accounts
          </span>
        )}
        {accounts.length > plotted.length && <span class="muted small">{formatNumber(accounts.length - plotted.length)} without deployment or utilization data (no seat count, no key features) are not plotted</span>}
      </figcaption>
      {priority.length > 0 && (
        <div class="priority">
          <strong>Top priority</strong> (needs help, no recent touch):{' '}
          {priority.slice(0, 8).map((a, i) => (
            <span key={a.accountId}>
              {i > 0 && ', '}
              <a href={`#/accounts/${encodeURIComponent(a.accountId)}`}>{a.name}</a>
            </span>
          ))}
          {priority.length > 8 && <span class="muted"> and {priority.length - 8} more</span>}
        </div>
      )}
    </figure>
  );
}
