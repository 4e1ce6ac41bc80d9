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

/** What a criterion counts and needs. Labels are built only on request: evaluating 200,000 users needs none. */
export function measureDepth(depth: FeatureDepth, ctx: CriteriaContext): { have: number; need: number } {
  const use = inWindow(ctx.usage, depth.withinDays).features.get(depth.feature);
  if (depth.minDays && (!depth.minCount || (use?.days ?? 0) < depth.minDays)) return { have: use?.days ?? 0, need: depth.minDays };
  if (depth.minCount) return { have: use?.count ?? 0, need: depth.minCount };
  return { have: use ? 1 : 0, need: 1 };
}

export function measure(criterion: Criterion, ctx: CriteriaContext): { have: number; need: number } {
  if ('depth' in criterion) return measureDepth(criterion.depth, ctx);
  if ('breadth' in criterion) {
    const { features, atLeast, withinDays } = criterion.breadth;
    const used = inWindow(ctx.usage, withinDays).features;
    let have = 0;
    for (const f of features === 'key' ? ctx.keyFeatures : features) if (used.has(f)) have++;
    return { have, need: atLeast };
  }
  if ('activeDays' in criterion) return { have: inWindow(ctx.usage, criterion.activeDays.withinDays).activeDays, need: criterion.activeDays.atLeast };
  return { have: ctx.usersAtOrPast?.(criterion.users.stage) ?? 0, need: criterion.users.atLeast };
}

export const meets = (criterion: Criterion, ctx: CriteriaContext): boolean => {
  const { have, need } = measure(criterion, ctx);
  return have >= need;
};

export function describeDepth(depth: FeatureDepth, names: ReadonlyMap<string, string>, have: number): string {
  const name = names.get(depth.feature) ?? depth.feature;
  if (depth.minDays && (!depth.minCount || have < depth.minDays)) return `${name} used on ${depth.minDays}+ days${within(depth.withinDays)}`;
  if (depth.minCount) return `${name} used ${depth.minCount}+ times${within(depth.withinDays)}`;
  return `${name} used${within(depth.withinDays)}`;
}

export function checkDepth(depth: FeatureDepth, ctx: CriteriaContext): Check {
  const { have, need } = measureDepth(depth, ctx);
  return { label: describeDepth(depth, ctx.featureNames, have), have, need, met: have >= need };
}

export function checkCriterion(criterion: Criterion, ctx: CriteriaContext): Check {
  if ('depth' in criterion) return checkDepth(criterion.depth, ctx);
  const { have, need } = measure(criterion, ctx);
  let label: string;
  if ('breadth' in criterion) {
    const { features, atLeast, withinDays } = criterion.breadth;
    const what = features === 'key' ? 'key features' : `of ${features.map((f) => ctx.featureNames.get(f) ?? f).join(', ')}`;
    label = `${atLeast}+ ${what} used${within(withinDays)}`;
  } else if ('activeDays' in criterion) label = `active on ${criterion.activeDays.atLeast}+ days${within(criterion.activeDays.withinDays)}`;
  else label = `${criterion.users.atLeast}+ users reached ${criterion.users.stage}`;
  return { label, have, need, met: have >= need };
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
