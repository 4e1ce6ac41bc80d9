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
      case 'low_score':
        // One alert per user: a second low answer from the same person is the same problem.
        for (const answer of lowestPerVisitor(now.scores, c.maxScore, c.withinDays)) {
          const said = answer.comment ? `: “${answer.comment.length > 120 ? `${answer.comment.slice(0, 119)}…` : answer.comment}”` : '';
          found(`${answer.name ?? answer.visitorId} answered ${answer.score} out of 10${said}`, {
            visitor: answer.visitorId, score: answer.score, comment: answer.comment, campaignId: answer.campaignId, answeredAt: answer.answeredAt,
          });
        }
        break;
      case 'anchor_failing':
        break; // About campaigns, not accounts: see campaignAlerts.
    }
  }
  return out;
}

/** Each user's lowest answer at or under `maxScore` within the last `withinDays` days. */
function lowestPerVisitor(scores: AccountMetrics['scores'], maxScore: number, withinDays: number) {
  const lowest = new Map<string, AccountMetrics['scores'][number]>();
  for (const s of scores) {
    if (s.score > maxScore || s.days >= withinDays) continue;
    const seen = lowest.get(s.visitorId);
    if (!seen || s.score < seen.score) lowest.set(s.visitorId, s);
  }
  return [...lowest.values()];
}

/** Identity of a finding, so the same problem is not raised twice while it lasts: per feature or per user where it names one. */
export function findingKey(f: AlertFinding): string {
  const about = f.details['feature'] ?? f.details['visitor'];
  return about ? `${f.rule}:${String(about)}` : f.rule;
}
