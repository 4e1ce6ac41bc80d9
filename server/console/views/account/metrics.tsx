// The numbers CS looks at first for one account.
import type { ComponentChildren } from 'preact';
import type { AccountRow } from '../../api.ts';
import { formatAgo, formatDateTime, formatNumber, formatPercent, formatSigned } from '../../format.ts';
import { HealthBadge } from '../health-badge.tsx';

function Metric({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="metric">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function AccountMetrics({ account, stageName }: { account: AccountRow; stageName: string }) {
  return (
    <dl class="metrics">
      <Metric label="Health">
        <HealthBadge health={account.health} />
      </Metric>
      <Metric label="Stage">{stageName}</Metric>
      <Metric label="Deployment">
        {formatPercent(account.deploymentRate)}
        <span class="muted small">
          {' '}
          {formatNumber(account.activeUsers30d)} of {account.seats === null ? '?' : formatNumber(account.seats)} seats
        </span>
      </Metric>
      <Metric label="Utilization">{formatPercent(account.utilizationRate)}</Metric>
      <Metric label="Active users">
        {formatNumber(account.activeUsers7d)} <span class="muted small">7 d</span> · {formatNumber(account.activeUsers30d)} <span class="muted small">30 d</span>
      </Metric>
      <Metric label="Tiers">
        seats {account.seatTier ?? '—'} · tenure {account.tenureTier ?? '—'}
        <span class="muted small"> ({formatNumber(account.tenureMonths)} months)</span>
      </Metric>
      <Metric label="Last touch">
        <span class={`contact-${account.contact}`} title={account.lastTouchAt ? formatDateTime(account.lastTouchAt) : undefined}>
          {formatAgo(account.lastTouchAt)}
        </span>
      </Metric>
      <Metric label="NPS, 90 days">
        {account.nps?.score == null ? (
          <span class="muted">no scores</span>
        ) : (
          <>
            <span class={account.nps.score < 0 ? 'nps-negative' : undefined}>{formatSigned(account.nps.score)}</span>
            <span class="muted small">
              {' '}
              {formatNumber(account.nps.responses)} {account.nps.responses === 1 ? 'answer' : 'answers'} · {formatNumber(account.nps.detractors)} detractor{account.nps.detractors === 1 ? '' : 's'}
            </span>
          </>
        )}
      </Metric>
      <Metric label="Last active">
        <span title={formatDateTime(account.lastActiveAt)}>{formatAgo(account.lastActiveAt)}</span>
      </Metric>
    </dl>
  );
}
