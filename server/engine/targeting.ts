// Evaluates audience rules against a profile. Pure: same rule and profile, same answer.
import type { AudienceRule, Condition, TraitCondition } from '../protocol/audience.ts';
import type { Profile } from './profile.ts';

export function matchesAudience(rule: AudienceRule, profile: Profile): boolean {
  if ('all' in rule) return rule.all.every((r) => matchesAudience(r, profile));
  if ('any' in rule) return rule.any.some((r) => matchesAudience(r, profile));
  if ('not' in rule) return !matchesAudience(rule.not, profile);
  return matchesCondition(rule, profile);
}

function matchesCondition(condition: Condition, profile: Profile): boolean {
  switch (condition.type) {
    case 'feature': {
      const uses = condition.scope === 'user' ? profile.userFeatures : profile.accountFeatures;
      const used = (uses[condition.feature]?.count ?? 0) > 0;
      return condition.op === 'used' ? used : !used;
    }
    case 'trait': {
      const traits = condition.scope === 'user' ? profile.userTraits : profile.accountTraits;
      return compareTrait(traits[condition.key], condition.op, condition.value);
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
