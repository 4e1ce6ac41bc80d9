// Evaluates audience rules against a profile and a page view. Pure: same inputs, same answer.
// Conditions on the page view (page, device, locale) are unknown when there is no page view —
// the audience estimate — so evaluation is three-valued: true, false or undefined (unknown).
import type { AudienceRule, Condition, FeatureCondition, TraitCondition } from '../protocol/audience.ts';
import type { Device } from '../protocol/decide.ts';
import { matchesPathPattern } from '../protocol/path-pattern.ts';
import { localeCovers } from './locale.ts';
import { pathOf } from './pages.ts';
import type { Profile } from './profile.ts';
import { timeOf } from './time.ts';

export interface PageView {
  /** ISO time of the decision. */
  now: string;
  url?: string | undefined;
  device?: Device | undefined;
  locale?: string | undefined;
}

const DAY_MS = 86_400_000;

/** Whether the visitor is in the audience on this page view (unknown counts as no). */
export function matchesAudience(rule: AudienceRule, profile: Profile, view: PageView): boolean {
  return evaluateAudience(rule, profile, view) === true;
}

/** Whether the visitor could be in the audience on some page view (unknown counts as yes). */
export function mayMatchAudience(rule: AudienceRule, profile: Profile, view: PageView): boolean {
  return evaluateAudience(rule, profile, view) !== false;
}

/** Kleene logic: `all` is false if any part is false, unknown if any is unknown; `any` mirrors it. */
export function evaluateAudience(rule: AudienceRule, profile: Profile, view: PageView): boolean | undefined {
  if ('all' in rule) {
    let result: boolean | undefined = true;
    for (const part of rule.all) {
      const value = evaluateAudience(part, profile, view);
      if (value === false) return false;
      if (value === undefined) result = undefined;
    }
    return result;
  }
  if ('any' in rule) {
    let result: boolean | undefined = false;
    for (const part of rule.any) {
      const value = evaluateAudience(part, profile, view);
      if (value === true) return true;
      if (value === undefined) result = undefined;
    }
    return result;
  }
  if ('not' in rule) {
    const value = evaluateAudience(rule.not, profile, view);
    return value === undefined ? undefined : !value;
  }
  return evaluateCondition(rule, profile, view);
}

export function evaluateCondition(condition: Condition, profile: Profile, view: PageView): boolean | undefined {
  const analytics = profile.analytics;
  switch (condition.type) {
    case 'feature':
      return matchesFeature(condition, profile, view.now);
    case 'trait': {
      const traits = condition.scope === 'user' ? profile.userTraits : profile.accountTraits;
      return compareTrait(traits[condition.key], condition.op, condition.value);
    }
    // Placement conditions simply do not match until analytics has placed the user.
    case 'stage': {
      const stage = condition.scope === 'user' ? analytics?.userStage : analytics?.accountStage;
      return stage != null && condition.in.includes(stage);
    }
    case 'health':
      return analytics?.healthColour != null && condition.in.includes(analytics.healthColour);
    case 'seat_tier':
      return analytics?.seatTier != null && condition.in.includes(analytics.seatTier);
    case 'tenure_tier':
      return analytics?.tenureTier != null && condition.in.includes(analytics.tenureTier);
    case 'certification': {
      if (!analytics) return false;
      const level = analytics.certifications[condition.program]?.level ?? null;
      if (condition.op === 'none') return level === null;
      // Level 1 is the highest: "at least 2" is 2 or 1.
      if (condition.op === 'at_least') return level !== null && level <= condition.level!;
      return level === null || level > condition.level!;
    }
    case 'score': {
      if (!analytics) return false;
      const latest = analytics.score?.score ?? null;
      if (condition.op === 'none') return latest === null;
      return latest !== null && (condition.op === 'gte' ? latest >= condition.value! : latest <= condition.value!);
    }
    case 'page':
      return view.url === undefined ? undefined : matchesPathPattern(condition.pattern, pathOf(view.url));
    case 'device':
      return view.device === undefined ? undefined : condition.in.includes(view.device);
    case 'locale': {
      const locale = view.locale;
      return locale === undefined ? undefined : condition.in.some((tag) => localeCovers(tag, locale));
    }
  }
}

/** Whole days since the feature was last used, or null if never. */
export function daysSinceUse(profile: Profile, condition: Pick<FeatureCondition, 'scope' | 'feature'>, now: string): number | null {
  const use = (condition.scope === 'user' ? profile.userFeatures : profile.accountFeatures)[condition.feature];
  if (!use || use.count <= 0) return null;
  return Math.floor((timeOf(now) - Date.parse(use.lastSeen)) / DAY_MS);
}

function matchesFeature(condition: FeatureCondition, profile: Profile, now: string): boolean {
  const count = (condition.scope === 'user' ? profile.userFeatures : profile.accountFeatures)[condition.feature]?.count ?? 0;
  switch (condition.op) {
    case 'used':
      return count > 0;
    case 'not_used':
      return count === 0;
    case 'count_gte':
      return count >= condition.value!;
    case 'days_since_gte':
    case 'days_since_lte': {
      const days = daysSinceUse(profile, condition, now);
      if (days === null) return false;
      return condition.op === 'days_since_gte' ? days >= condition.value! : days <= condition.value!;
    }
  }
}

function compareTrait(actual: unknown, op: TraitCondition['op'], expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual as never);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (op === 'gt') return actual > expected;
      if (op === 'gte') return actual >= expected;
      if (op === 'lt') return actual < expected;
      return actual <= expected;
    }
  }
}
