// Places a user or an account on its journey: the furthest stage whose criteria hold, together
// with every earlier stage's (a ladder, so a stage always implies the ones before it).
import type { JourneyInput } from '../protocol/analytics.ts';
import { type CriteriaContext, meets } from './criteria.ts';

export interface Placement {
  stage: string;
  stageIndex: number;
}

/** The journey an account follows: the first segment journey whose trait matches, else the default. */
export function journeyFor<J extends JourneyInput>(journeys: readonly J[], traits: Record<string, unknown>, fallback: J): J {
  for (const journey of journeys) {
    if (journey.segment && journey.segment.values.some((v) => v === traits[journey.segment!.trait])) return journey;
  }
  return journeys.find((j) => j.segment === null) ?? fallback;
}

export function place(journey: JourneyInput, side: 'user' | 'account', ctx: CriteriaContext): Placement {
  let index = 0;
  for (let i = 1; i < journey.stages.length; i++) {
    const stage = journey.stages[i]!;
    if (!(side === 'user' ? stage.user : stage.account).every((c) => meets(c, ctx))) break;
    index = i;
  }
  return { stage: journey.stages[index]!.key, stageIndex: index };
}

export function stageIndexOf(journey: JourneyInput, stage: string): number {
  return journey.stages.findIndex((s) => s.key === stage);
}
