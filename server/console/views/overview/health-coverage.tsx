// Accounts by health colour (each a link to those accounts), contact coverage (the share of active
// accounts a CS person touched in the period), and the net promoter score with the words behind it.
import type { Overview } from '../../api.ts';
import { formatNumber, formatPercent, formatSigned } from '../../format.ts';
import { href } from '../../state/route.ts';
import { Panel } from '../screen.tsx';

const COLOURS = ['green', 'yellow', 'red', 'unknown'] as const;

export function HealthDistribution({ health }: { health: Overview['health'] }) {
  const total = COLOURS.reduce((n, c) => n + (health[c] ?? 0), 0);
  return (
    <Panel title="Health">
      <div class="stack" role="img" aria-label={COLOURS.map((c) => `${c}: ${formatNumber(health[c])}`).join(', ')}>
        {COLOURS.map((c) => (health[c] ? <span key={c} class={`health-${c}`} style={{ flexGrow: health[c] }} /> : null))}
      </div>
      <ul class="legend">
        {COLOURS.map((c) => (
          <li key={c}>
            <span class={`dot health-${c}`} aria-hidden="true" />
            <a href={`#/accounts?health=${c}`}>
              {formatNumber(health[c])} {c}
            </a>
            <span class="muted small"> {formatPercent(total ? (health[c] ?? 0) / total : null)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/** The score customers give, and the words of the latest unhappy ones beside it. */
export function NetPromoterScore({ nps }: { nps: Overview['nps'] }) {
  const { summary } = nps;
  return (
    <Panel title="Net promoter score">
      {summary?.score == null ? (
        <p class="muted">No survey scores in the last {formatNumber(nps.periodDays)} days. A survey campaign with an NPS question asks for them.</p>
      ) : (
        <>
          <p class={summary.score < 0 ? 'kpi nps-negative' : 'kpi'}>{formatSigned(summary.score)}</p>
          <p class="muted">
            {formatNumber(summary.responses)} answers in the last {formatNumber(nps.periodDays)} days: {formatNumber(summary.promoters)} promoters, {formatNumber(summary.passives)} passives,{' '}
            {formatNumber(summary.detractors)} detractors.
          </p>
          <p class="actions-row">
            {summary.promoters > 0 && <a href={href(['campaigns', 'new'], { kind: 'slideout', follow: 'promoters' })}>Ask promoters for a review</a>}
            {summary.detractors > 0 && <a href={href(['campaigns', 'new'], { kind: 'slideout', follow: 'detractors' })}>Offer detractors help</a>}
          </p>
          {nps.detractors.length > 0 && (
            <ul class="quotes">
              {nps.detractors.map((d) => (
                <li key={`${d.visitorId}-${d.answeredAt}`}>
                  <q>{d.comment}</q>
                  <span class="muted small">
                    {' '}
                    {d.name ?? d.visitorId} ({d.score}/10)
                    {d.accountId && (
                      <>
                        {', '}
                        <a href={`#/accounts/${encodeURIComponent(d.accountId)}`}>{d.accountName ?? d.accountId}</a>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}

export function ContactCoverage({ coverage }: { coverage: Overview['coverage'] }) {
  return (
    <Panel title="Contact coverage">
      <p class="kpi">{formatPercent(coverage.rate)}</p>
      <p class="muted">
        {formatNumber(coverage.touchedAccounts)} of {formatNumber(coverage.activeAccounts)} active accounts touched by CS in the last {formatNumber(coverage.periodDays)} days.
      </p>
      {coverage.touchedAccounts < coverage.activeAccounts && <a href="#/accounts?contact=stale">Show accounts without a recent touch</a>}
    </Panel>
  );
}
