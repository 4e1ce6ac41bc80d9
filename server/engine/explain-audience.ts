// Audience rules in words: each condition with whether it holds for this visitor and why, so a
// CS person can see which part of a rule keeps a customer out.
import type { AudienceRule, Condition } from '../protocol/audience.ts';
import type { Profile } from './profile.ts';
import { daysSinceUse, evaluateAudience, evaluateCondition, type PageView } from './targeting.ts';
import { pathOf } from './pages.ts';

export interface AudienceLine {
  /** Nesting under all/any/not, 0 at the top. */
  depth: number;
  /** null: depends on the page view, which was not given. */
  passed: boolean | null;
  reason: string;
}

const show = (value: unknown) => (value === undefined ? 'not set' : JSON.stringify(value));
const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');
const NOT_PLACED = 'analytics has not placed this user yet';

function describe(condition: Condition, profile: Profile, view: PageView): string {
  const analytics = profile.analytics;
  switch (condition.type) {
    case 'feature': {
      const who = condition.scope;
      const use = (who === 'user' ? profile.userFeatures : profile.accountFeatures)[condition.feature];
      const count = use?.count ?? 0;
      if (condition.op === 'used' || condition.op === 'not_used') {
        return count > 0 ? `${who} has used feature ${condition.feature} (${count} times)` : `${who} has not used feature ${condition.feature}`;
      }
      if (condition.op === 'count_gte') return `${who} used feature ${condition.feature} ${count} times (needs at least ${condition.value})`;
      const days = daysSinceUse(profile, condition, view.now);
      const wants = condition.op === 'days_since_gte' ? `at least ${condition.value}` : `at most ${condition.value}`;
      return days === null
        ? `${who} has never used feature ${condition.feature} (needs last use ${wants} days ago)`
        : `${who} last used feature ${condition.feature} ${days} days ago (needs ${wants})`;
    }
    case 'trait': {
      const traits = condition.scope === 'user' ? profile.userTraits : profile.accountTraits;
      const rule = condition.op === 'exists' || condition.op === 'not_exists' ? condition.op.replace('_', ' ') : `${condition.op} ${show(condition.value)}`;
      return `${condition.scope} trait ${condition.key} is ${show(traits[condition.key])} (rule: ${rule})`;
    }
    case 'stage': {
      const stage = condition.scope === 'user' ? analytics?.userStage : analytics?.accountStage;
      if (!analytics) return `${condition.scope} journey stage unknown: ${NOT_PLACED} (wants ${list(condition.in)})`;
      return `${condition.scope} journey stage is ${stage ?? 'none'} (wants ${list(condition.in)})`;
    }
    case 'health':
      return analytics ? `account health is ${analytics.healthColour ?? 'not scored'} (wants ${list(condition.in)})` : `account health unknown: ${NOT_PLACED}`;
    case 'seat_tier':
      return analytics ? `seat tier is ${analytics.seatTier ?? 'unknown'} (wants ${list(condition.in)})` : `seat tier unknown: ${NOT_PLACED}`;
    case 'tenure_tier':
      return analytics ? `tenure tier is ${analytics.tenureTier ?? 'unknown'} (wants ${list(condition.in)})` : `tenure tier unknown: ${NOT_PLACED}`;
    case 'certification': {
      const wants = condition.op === 'none' ? 'no level yet' : `${condition.op === 'at_least' ? 'at least' : 'below'} level ${condition.level}`;
      if (!analytics) return `certification in ${condition.program} unknown: ${NOT_PLACED} (wants ${wants})`;
      const level = analytics.certifications[condition.program]?.level ?? null;
      return `${level === null ? 'no level' : `level ${level}`} in ${condition.program} (wants ${wants}; level 1 is the highest)`;
    }
    case 'score': {
      const wants = condition.op === 'none' ? 'no score' : `${condition.op === 'gte' ? 'at least' : 'at most'} ${condition.value}`;
      if (!analytics) return `latest survey score unknown: ${NOT_PLACED} (wants ${wants})`;
      const latest = analytics.score;
      return `latest survey score is ${latest ? `${latest.score}, on ${latest.answeredAt.slice(0, 10)}` : 'none in 90 days'} (wants ${wants})`;
    }
    case 'page':
      return view.url === undefined ? `page not given (wants ${condition.pattern})` : `page ${pathOf(view.url)} (wants ${condition.pattern})`;
    case 'device':
      return `device is ${view.device ?? 'not known'} (wants ${list(condition.in)})`;
    case 'locale':
      return `locale is ${view.locale ?? 'not known'} (wants ${list(condition.in)})`;
  }
}

export function explainAudience(rule: AudienceRule, profile: Profile, view: PageView, depth = 0, out: AudienceLine[] = []): AudienceLine[] {
  const passed = evaluateAudience(rule, profile, view) ?? null;
  if ('all' in rule || 'any' in rule || 'not' in rule) {
    const [label, parts] = 'all' in rule ? ['all of', rule.all] : 'any' in rule ? ['any of', rule.any] : ['not', [rule.not]];
    const empty = parts.length === 0 ? ('all' in rule ? ' (everyone)' : ' (nobody)') : '';
    out.push({ depth, passed, reason: `${label}${empty}` });
    for (const part of parts) explainAudience(part, profile, view, depth + 1, out);
    return out;
  }
  out.push({ depth, passed: evaluateCondition(rule, profile, view) ?? null, reason: describe(rule, profile, view) });
  return out;
}
