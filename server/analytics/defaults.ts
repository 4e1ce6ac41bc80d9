// What a workspace gets before its CS team defines anything, taken from practitioners' defaults
// (see the domain brief): a four-stage journey, a 3-component health score, seat × tenure tiers.
import type { HealthInput, JourneyInput, MeasuresInput, TiersInput } from '../protocol/analytics.ts';
import { measuresInput } from '../protocol/analytics.ts';

export const DEFAULT_JOURNEY: JourneyInput = {
  key: 'default',
  name: 'Adoption journey',
  segment: null,
  stages: [
    { key: 'signed_up', name: 'Signed up', user: [], account: [] },
    {
      key: 'onboarded',
      name: 'Onboarded',
      user: [{ breadth: { features: 'key', atLeast: 1 } }],
      account: [{ breadth: { features: 'key', atLeast: 1 } }],
    },
    {
      key: 'adopted',
      name: 'Adopted',
      user: [{ breadth: { features: 'key', atLeast: 3, withinDays: 30 } }],
      account: [{ breadth: { features: 'key', atLeast: 3, withinDays: 30 } }, { users: { stage: 'adopted', atLeast: 1 } }],
    },
    {
      key: 'champion',
      name: 'Champion',
      user: [{ breadth: { features: 'key', atLeast: 4, withinDays: 30 } }, { activeDays: { atLeast: 8, withinDays: 30 } }],
      account: [{ users: { stage: 'adopted', atLeast: 3 } }, { users: { stage: 'champion', atLeast: 1 } }],
    },
  ],
  onboardedStage: 'onboarded',
  adoptedStage: 'adopted',
};

export const DEFAULT_HEALTH: HealthInput = {
  components: [
    { metric: 'deployment', weight: 40 },
    { metric: 'breadth', weight: 40 },
    { metric: 'recency', weight: 20, goodDays: 7, badDays: 30 },
  ],
  thresholds: { green: 70, yellow: 40 },
};

export const DEFAULT_TIERS: TiersInput = {
  seat: [
    { name: 'A', min: 21 },
    { name: 'B', min: 11 },
    { name: 'C', min: 6 },
    { name: 'D', min: 1 },
  ],
  tenure: [
    { name: 'a', minMonths: 0 },
    { name: 'b', minMonths: 4 },
    { name: 'c', minMonths: 8 },
    { name: 'd', minMonths: 12 },
  ],
};

export const DEFAULT_MEASURES: MeasuresInput = measuresInput.parse({});
