// Alert conditions over an account's metrics. An alert is raised when a condition becomes true
// (not on every evaluation while it stays true), so CS is pushed each problem once.
import type { AlertRuleInput } from '../protocol/analytics.ts';
import type { AccountMetrics } from './evaluate.ts';

export interface AlertFinding {
  rule: string;
  message: string;
  details: Record<string, unknown>;
}

/** What each enabled account rule finds about this account now (null = condition not met). */
export function accountAlerts(rules: readonly AlertRuleInput[], now: AccountMetrics, before: AccountMetrics | null): AlertFinding[] {
  const out: AlertFinding[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const c = rule.condition;
    const found = (message: string, details: Record<string, unknown> = {}) => out.push({ rule: rule.key, message, details });
    switch (c.type) {
      case 'health_red':
        if (now.health.colour === 'red') found(`health is red (${now.health.score})`, { score: now.health.score });
        break;
      case 'stage_regressed':
        // Only against the previous evaluation of the same journey: a new journey is not a regression.
        if (before && before.journey === now.journey && now.stageIndex < before.stageIndex) {
          found(`stage fell from ${before.stage} to ${now.stage}`, { from: before.stage, to: now.stage });
        }
        break;
      case 'key_feature_unused':
        for (const f of now.keyFeaturesIdle) {
          if (f.days === null || f.days >= c.days) {
            found(f.days === null ? `key feature ${f.feature} never used` : `key feature ${f.feature} unused for ${f.days} days`, { feature: f.feature, days: f.days });
          }
        }
        break;
      case 'deployment_below':
        if (now.deploymentRate !== null && now.deploymentRate < c.rate) {
          found(`deployment rate ${(now.deploymentRate * 100).toFixed(0)}% is below ${(c.rate * 100).toFixed(0)}%`, { rate: now.deploymentRate });
        }
        break;
      case 'no_touch':
        if (now.daysSinceTouch === null || now.daysSinceTouch >= c.days) {
          found(now.daysSinceTouch === null ? 'never touched by CS' : `no CS touch for ${now.daysSinceTouch} days`, { days: now.daysSinceTouch });
        }
        break;
      case 'anchor_failing':
        break; // About campaigns, not accounts: see campaignAlerts.
    }
  }
  return out;
}

/** Identity of a finding, so the same problem is not raised twice while it lasts. */
export const findingKey = (f: AlertFinding) => (f.details['feature'] ? `${f.rule}:${String(f.details['feature'])}` : f.rule);
