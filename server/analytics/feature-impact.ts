// Which features go with success: for each feature, the share of accounts that reach an outcome
// (green health, the journey's adopted stage, or a trait such as renewed = true synced from the
// CRM) among accounts that use the feature, against accounts that do not. This is the first step
// of the tech-touch loop ("clinics that use reminders renew at 4×"): find the feature, nudge the
// accounts without it, and measure the nudge against a holdout, since accounts that adopt a
// feature differ in other ways too and the association alone proves no cause.
//   difference  p₁ − p₂ with Newcombe's interval; ratio p₁ / p₂ with Katz's (engine/lift.ts).
import { group, type Interval, lift } from '../engine/lift.ts';
import type { JourneyInput } from '../protocol/analytics.ts';
import { fromJson, type SqlDb } from '../store/sql.ts';
import { DEFAULT_JOURNEY } from './defaults.ts';
import type { Definitions } from './evaluate.ts';

export type ImpactOutcome = { type: 'green' } | { type: 'adopted' } | { type: 'trait'; key: string; value: string };

export interface ImpactGroup {
  accounts: number;
  reached: number;
  rate: number | null;
}

export interface FeatureImpact {
  feature: string;
  name: string;
  isKey: boolean;
  with: ImpactGroup;
  without: ImpactGroup;
  /** Rate with the feature minus rate without it. */
  difference: Interval;
  /**
   * Rate with the feature divided by rate without it (4 means "4×"): null when no account without
   * it reached the outcome (nothing to divide by); its interval needs reached accounts on both sides.
   */
  ratio: Interval;
  /** The difference's interval excludes zero. */
  significant: boolean;
}

export interface FeatureImpactReport {
  outcome: ImpactOutcome;
  accounts: number;
  reached: number;
  /** Surest positive difference first (highest lower end of the interval); features with nobody on one side last. */
  features: FeatureImpact[];
  /** Account trait keys and their common values, for picking a trait outcome. */
  traits: TraitChoice[];
}

export interface TraitChoice {
  key: string;
  values: string[];
}

type MetricRow = { id: string; colour: string | null; journey: string; stage_index: number };

/** How many trait keys, and values of each, the report suggests. */
const TRAIT_KEYS = 30;
const TRAIT_VALUES = 10;

/** Whether a trait value is the one asked for: as text, any case (true, "true" and "TRUE" all match "true"). */
const traitIs = (value: unknown, wanted: string) => String(value).toLowerCase() === wanted.toLowerCase();

type Traits = Map<string, Record<string, unknown>>;

async function accountTraits(sql: SqlDb, ws: string): Promise<Traits> {
  const rows = await sql.all<{ id: string; traits: string | Record<string, unknown> }>('SELECT account_id AS id, traits FROM accounts WHERE workspace_id = ?', [ws]);
  return new Map(rows.map((t) => [t.id, fromJson<Record<string, unknown>>(t.traits)]));
}

/** Trait keys accounts have (most common first), each with its most common values as text: what a trait outcome can name. */
function traitVocabulary(traits: Traits): TraitChoice[] {
  const keys = new Map<string, Map<string, number>>();
  for (const record of traits.values()) {
    for (const [key, value] of Object.entries(record)) {
      if (value === null || typeof value === 'object') continue;
      const values = keys.get(key) ?? keys.set(key, new Map()).get(key)!;
      values.set(String(value), (values.get(String(value)) ?? 0) + 1);
    }
  }
  const commonest = <K extends string>(counts: [K, number][]) => counts.sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const keyCounts = [...keys].map(([key, values]): [string, number] => [key, [...values.values()].reduce((a, b) => a + b, 0)]);
  return commonest(keyCounts)
    .slice(0, TRAIT_KEYS)
    .map(([key]) => ({ key, values: commonest([...keys.get(key)!]).slice(0, TRAIT_VALUES).map(([value]) => value) }));
}

function reachedAccounts(rows: MetricRow[], traits: Traits, defs: Definitions, outcome: ImpactOutcome): Map<string, boolean> {
  const reached = new Map<string, boolean>();
  if (outcome.type === 'green') {
    for (const r of rows) reached.set(r.id, r.colour === 'green');
  } else if (outcome.type === 'adopted') {
    const journeys: JourneyInput[] = [...defs.journeys, DEFAULT_JOURNEY];
    const adoptedAt = (key: string) => {
      const journey = journeys.find((j) => j.key === key) ?? DEFAULT_JOURNEY;
      return journey.stages.findIndex((s) => s.key === journey.adoptedStage);
    };
    for (const r of rows) reached.set(r.id, Number(r.stage_index) >= adoptedAt(r.journey));
  } else {
    for (const r of rows) {
      // Without the trait the outcome is not known yet (a clinic not yet up for renewal): left out.
      const value = traits.get(r.id)?.[outcome.key];
      if (value !== undefined && value !== null) reached.set(r.id, traitIs(value, outcome.value));
    }
  }
  return reached;
}

/** Every defined feature's association with the outcome, over the accounts analytics has evaluated (for a trait, those that have it). */
export async function featureImpact(sql: SqlDb, ws: string, defs: Definitions, outcome: ImpactOutcome): Promise<FeatureImpactReport> {
  const rows = await sql.all<MetricRow>('SELECT account_id AS id, health_colour AS colour, journey, stage_index FROM account_metrics WHERE workspace_id = ?', [ws]);
  const traits = await accountTraits(sql, ws);
  const reached = reachedAccounts(rows, traits, defs, outcome);
  const usage = await sql.all<{ id: string; feature: string }>(
    `SELECT subject_id AS id, feature_key AS feature FROM feature_usage WHERE workspace_id = ? AND subject_kind = 'account'`,
    [ws],
  );
  const users = new Map<string, string[]>();
  for (const u of usage) if (reached.has(u.id)) (users.get(u.feature) ?? users.set(u.feature, []).get(u.feature)!).push(u.id);
  const total = reached.size;
  const totalReached = [...reached.values()].filter(Boolean).length;

  const features = defs.features.map((f): FeatureImpact => {
    const ids = users.get(f.key) ?? [];
    const hits = ids.filter((id) => reached.get(id)).length;
    const withIt = group(ids.length, hits);
    const without = group(total - ids.length, totalReached - hits);
    const { absolute, relative, significant } = lift(withIt, without);
    const plusOne = (x: number | null) => (x === null ? null : x + 1);
    return {
      feature: f.key,
      name: f.name,
      isKey: f.isKey,
      with: { accounts: withIt.users, reached: withIt.converted, rate: withIt.rate },
      without: { accounts: without.users, reached: without.converted, rate: without.rate },
      difference: absolute,
      ratio: { estimate: plusOne(relative.estimate), low: plusOne(relative.low), high: plusOne(relative.high) },
      significant,
    };
  });
  // By the interval's lower end: a large difference seen in two accounts ranks below a sure one.
  features.sort((a, b) => (b.difference.low ?? -Infinity) - (a.difference.low ?? -Infinity) || a.feature.localeCompare(b.feature));
  return { outcome, accounts: total, reached: totalReached, features, traits: traitVocabulary(traits) };
}
