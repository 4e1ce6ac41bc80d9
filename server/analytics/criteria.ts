// Evaluates journey criteria and certification requirements against a subject's usage. Every
// check also says what it counted, so the console can explain "why" and show progress.
import type { Criterion, FeatureDepth } from '../protocol/analytics.ts';
import { inWindow, type SubjectUsage } from './usage.ts';

export interface Check {
  label: string;
  have: number;
  need: number;
  met: boolean;
}

export interface CriteriaContext {
  usage: SubjectUsage | undefined;
  keyFeatures: readonly string[];
  featureNames: ReadonlyMap<string, string>;
  /** Accounts: how many of the account's users are at or past each stage index. */
  usersAtOrPast?: (stageKey: string) => number;
}

const within = (days: number | undefined) => (days ? ` in the last ${days} days` : '');

export function checkDepth(depth: FeatureDepth, ctx: CriteriaContext): Check {
  const use = inWindow(ctx.usage, depth.withinDays).features.get(depth.feature);
  const name = ctx.featureNames.get(depth.feature) ?? depth.feature;
  if (depth.minDays) {
    const have = use?.days ?? 0;
    const days = { label: `${name} used on ${depth.minDays}+ days${within(depth.withinDays)}`, have, need: depth.minDays, met: have >= depth.minDays };
    if (!depth.minCount || !days.met) return days;
  }
  if (depth.minCount) {
    const have = use?.count ?? 0;
    return { label: `${name} used ${depth.minCount}+ times${within(depth.withinDays)}`, have, need: depth.minCount, met: have >= depth.minCount };
  }
  const have = use ? 1 : 0;
  return { label: `${name} used${within(depth.withinDays)}`, have, need: 1, met: have >= 1 };
}

export function checkCriterion(criterion: Criterion, ctx: CriteriaContext): Check {
  if ('depth' in criterion) return checkDepth(criterion.depth, ctx);
  if ('breadth' in criterion) {
    const { features, atLeast, withinDays } = criterion.breadth;
    const set = features === 'key' ? ctx.keyFeatures : features;
    const used = inWindow(ctx.usage, withinDays).features;
    const have = set.filter((f) => used.has(f)).length;
    const what = features === 'key' ? 'key features' : `of ${set.map((f) => ctx.featureNames.get(f) ?? f).join(', ')}`;
    return { label: `${atLeast}+ ${what} used${within(withinDays)}`, have, need: atLeast, met: have >= atLeast };
  }
  if ('activeDays' in criterion) {
    const { atLeast, withinDays } = criterion.activeDays;
    const have = inWindow(ctx.usage, withinDays).activeDays;
    return { label: `active on ${atLeast}+ days${within(withinDays)}`, have, need: atLeast, met: have >= atLeast };
  }
  const { stage, atLeast } = criterion.users;
  const have = ctx.usersAtOrPast?.(stage) ?? 0;
  return { label: `${atLeast}+ users reached ${stage}`, have, need: atLeast, met: have >= atLeast };
}

/** Every window (in days, 0 = ever) the criteria look at, so the loader can summarise just those. */
export function windowsOf(criteria: readonly (Criterion | FeatureDepth)[]): Set<number> {
  const out = new Set<number>();
  for (const c of criteria) {
    if ('users' in c) continue;
    if ('feature' in c) out.add(c.withinDays ?? 0);
    else if ('depth' in c) out.add(c.depth.withinDays ?? 0);
    else if ('breadth' in c) out.add(c.breadth.withinDays ?? 0);
    else out.add(c.activeDays.withinDays);
  }
  return out;
}
