// Certification levels a user earns by really using features (and finishing checklists). Levels
// form a ladder from the entry level to level 1; each is awarded once and never taken back.
import type { CertificationInput, Requirement } from '../protocol/analytics.ts';
import type { CertificationProgress } from '../protocol/decide.ts';
import { type Check, checkDepth, type CriteriaContext, measureDepth } from './criteria.ts';

export interface CertificationContext extends CriteriaContext {
  /** Checklist campaigns this user completed. */
  completedChecklists: ReadonlySet<string>;
  checklistNames?: ReadonlyMap<string, string>;
}

function checkRequirement(r: Requirement, ctx: CertificationContext): Check {
  if ('checklist' in r) {
    const done = ctx.completedChecklists.has(r.checklist) ? 1 : 0;
    return { label: `Finish the checklist ${ctx.checklistNames?.get(r.checklist) ?? r.checklist}`, have: done, need: 1, met: done === 1 };
  }
  return checkDepth(r, ctx);
}

const isMet = ({ have, need }: { have: number; need: number }) => have >= need;

/**
 * The level the user holds: the best of what was already awarded and what the usage earns now
 * (walking the ladder from the entry level); plus progress toward the next level.
 */
export function certify(program: CertificationInput, awarded: number | null, ctx: CertificationContext): CertificationProgress {
  let index = awarded === null ? -1 : program.levels.findIndex((l) => l.level === awarded);
  for (let i = index + 1; i < program.levels.length; i++) {
    if (!program.levels[i]!.requirements.every((r) => ('checklist' in r ? ctx.completedChecklists.has(r.checklist) : isMet(measureDepth(r, ctx))))) break;
    index = i;
  }
  const current = index >= 0 ? program.levels[index]! : null;
  const upcoming = program.levels[index + 1];
  return {
    program: program.key,
    programName: program.name,
    level: current?.level ?? null,
    levelName: current?.name ?? null,
    next: upcoming
      ? {
          level: upcoming.level,
          name: upcoming.name,
          requirements: upcoming.requirements.map((r) => {
            const { label, have, need, met } = checkRequirement(r, ctx);
            return { label, done: met, have: Math.min(have, need), need };
          }),
        }
      : null,
  };
}

/** Levels newly reached: every level past the awarded one up to the current one, entry level first. */
export function newAwards(program: CertificationInput, awarded: number | null, now: number | null): number[] {
  if (now === null) return [];
  const from = awarded === null ? -1 : program.levels.findIndex((l) => l.level === awarded);
  const to = program.levels.findIndex((l) => l.level === now);
  return program.levels.slice(from + 1, to + 1).map((l) => l.level);
}
