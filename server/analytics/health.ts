// The health score: 2–3 components, each scored 0–100, weighted, then coloured by thresholds.
// A component without data (e.g. no seats trait) is left out and the others' weights rescale;
// with no data at all the score is null rather than a made-up number.
import type { HealthComponent, HealthInput } from '../protocol/analytics.ts';
import type { HealthColour } from '../engine/profile.ts';

export interface HealthInputs {
  deploymentRate: number | null;
  utilizationRate: number | null;
  /** Share (0–1) of the workspace's key features the account used recently; null without key features. */
  breadthShare: number | null;
  daysSinceActive: number | null;
  daysSinceTouch: number | null;
  traits: Record<string, unknown>;
}

export interface ComponentScore {
  metric: string;
  label: string;
  /** The measured value (a rate, a number of days, a trait value) or null when unknown. */
  value: number | null;
  /** 0–100, or null when unknown. */
  score: number | null;
  weight: number;
}

export interface HealthResult {
  score: number | null;
  colour: HealthColour | null;
  components: ComponentScore[];
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));
/** 100 at `good` days or fewer, 0 at `bad` or more, linear between. */
const freshness = (days: number, good: number, bad: number) => clamp(((bad - days) / (bad - good)) * 100);
const round1 = (n: number) => Math.round(n * 10) / 10;

function scoreComponent(c: HealthComponent, x: HealthInputs): ComponentScore {
  const base = { metric: c.metric, weight: c.weight };
  switch (c.metric) {
    case 'deployment':
      return { ...base, label: 'Deployment rate', value: x.deploymentRate, score: x.deploymentRate === null ? null : clamp(x.deploymentRate * 100) };
    case 'utilization':
      return { ...base, label: 'Utilization rate', value: x.utilizationRate, score: x.utilizationRate === null ? null : clamp(x.utilizationRate * 100) };
    case 'breadth':
      return { ...base, label: 'Key-feature breadth', value: x.breadthShare, score: x.breadthShare === null ? null : clamp(x.breadthShare * 100) };
    case 'recency':
      return { ...base, label: 'Days since last activity', value: x.daysSinceActive, score: x.daysSinceActive === null ? 0 : freshness(x.daysSinceActive, c.goodDays, c.badDays) };
    case 'touch':
      // Never touched scores like a very old touch: that is exactly the account CS must not forget.
      return { ...base, label: 'Days since last CS touch', value: x.daysSinceTouch, score: x.daysSinceTouch === null ? 0 : freshness(x.daysSinceTouch, c.goodDays, c.badDays) };
    case 'trait': {
      const raw = x.traits[c.trait];
      const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null;
      return { ...base, label: c.trait, value, score: value === null ? null : clamp(((value - c.min) / (c.max - c.min)) * 100) };
    }
  }
}

export function scoreHealth(definition: HealthInput, inputs: HealthInputs): HealthResult {
  const components = definition.components.map((c) => scoreComponent(c, inputs));
  const known = components.filter((c) => c.score !== null);
  const weights = known.reduce((sum, c) => sum + c.weight, 0);
  if (!known.length || weights === 0) return { score: null, colour: null, components: components.map(roundComponent) };
  // Rounded before colouring, so the number shown always explains the colour shown.
  const score = round1(known.reduce((sum, c) => sum + c.score! * c.weight, 0) / weights);
  const colour: HealthColour = score >= definition.thresholds.green ? 'green' : score >= definition.thresholds.yellow ? 'yellow' : 'red';
  return { score, colour, components: components.map(roundComponent) };
}

function roundComponent(c: ComponentScore): ComponentScore {
  return { ...c, value: c.value === null ? null : Math.round(c.value * 1000) / 1000, score: c.score === null ? null : round1(c.score) };
}
