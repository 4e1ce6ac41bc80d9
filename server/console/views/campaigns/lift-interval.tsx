// A lift and its 95 % confidence interval drawn on a line through zero: the bar is the range
// the true lift probably lies in, the dot the measured lift. A bar that crosses zero means the
// campaign has not been shown to help (or to hurt) yet.
import type { Campaign, CampaignResults } from '../../api.ts';
import { formatPercent, formatPoints } from '../../format.ts';

type Comparison = NonNullable<CampaignResults['users']>;
type Interval = Comparison['lift']['absolute'];

/** The lift in words: "+4.2 pp (−1.0 to +9.4 pp)", or why there is none. */
export function liftText(interval: Interval | undefined, relative = false): string {
  if (!interval || interval.estimate === null) return 'not measured yet';
  const f = relative ? (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${formatPercent(n, true)}`) : formatPoints;
  return interval.low === null || interval.high === null ? f(interval.estimate) : `${f(interval.estimate)} (${f(interval.low)} to ${f(interval.high)})`;
}

/**
 * Why a campaign has no lift to show yet, in the words lists use; null once it has one. A campaign
 * without a holdout of its own can still be measured against the workspace's global holdout.
 */
export function missingLift(campaign: Campaign, results: CampaignResults): string | null {
  if (!results.goal) return 'no goal set';
  if (results.users && results.users.lift.absolute.estimate !== null) return null;
  if (campaign.holdoutPercent === 0 && results.heldOut.users === 0) return 'needs a holdout';
  return 'waiting for shown and held-out users';
}

/** Why a comparison has no lift yet, per user or per account. */
export function noLiftYet({ exposed, heldOut }: Comparison, unit: 'user' | 'account'): string {
  // Holdouts pick users: an account is held out only if every one of its users was.
  if (unit === 'account' && exposed.users > 0 && heldOut.users === 0) {
    return 'No lift per account yet: an account counts as held out only when none of its users saw it, and so far every account had someone who did.';
  }
  return `No lift yet: it needs both ${unit}s ${unit === 'user' ? 'who' : 'that'} saw it and ${unit}s held out.`;
}

export function LiftInterval({ interval, significant, width = 240, label }: { interval: Interval; significant: boolean; width?: number; label: string }) {
  const { estimate, low, high } = interval;
  if (estimate === null) return null;
  const height = 28;
  const pad = 8;
  // Symmetric around zero, so left of the middle is always "worse than not showing it".
  const reach = Math.max(Math.abs(low ?? estimate), Math.abs(high ?? estimate), 0.02) * 1.15;
  const x = (v: number) => pad + ((v + reach) / (2 * reach)) * (width - 2 * pad);
  const tone = significant ? (estimate > 0 ? 'good' : 'bad') : 'unsure';
  return (
    <svg class={`lift-interval lift-${tone}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}: ${liftText(interval)}`}>
      <line class="axis" x1={pad} x2={width - pad} y1={height / 2} y2={height / 2} />
      <line class="zero" x1={x(0)} x2={x(0)} y1={4} y2={height - 4} />
      {low !== null && high !== null && <rect class="range" x={x(low)} y={height / 2 - 4} width={Math.max(2, x(high) - x(low))} height={8} rx={4} />}
      <circle class="estimate" cx={x(estimate)} cy={height / 2} r={5} />
    </svg>
  );
}
