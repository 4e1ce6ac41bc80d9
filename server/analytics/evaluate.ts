// Turns loaded facts (traits, memberships, per-window usage, touches, awards) into the metrics
// CS teams act on. Pure and deterministic: the same facts and definitions give the same answer,
// which is what lets a full recompute equal the incremental result.
import type { HealthColour, LatestScore } from '../engine/profile.ts';
import { type NpsSummary, npsSummary } from '../engine/survey.ts';
import type { AlertRuleInput, CertificationInput, HealthInput, JourneyInput, MeasuresInput, TiersInput } from '../protocol/analytics.ts';
import type { CertificationProgress } from '../protocol/decide.ts';
import type { Feature } from '../protocol/feature.ts';
import { certify, newAwards } from './certification.ts';
import { windowsOf } from './criteria.ts';
import { DEFAULT_JOURNEY } from './defaults.ts';
import { type HealthResult, scoreHealth } from './health.ts';
import { journeyFor, place, stageIndexOf } from './journey.ts';
import { contractStart, monthsBetween, seatTier, tenureTier } from './tiers.ts';
import { dayOf, daysBetween, inWindow, type SubjectUsage, windowStart } from './usage.ts';

export interface Definitions {
  features: readonly Feature[];
  journeys: readonly (JourneyInput & { version: number })[];
  health: HealthInput & { version: number };
  tiers: TiersInput;
  measures: MeasuresInput;
  programs: readonly CertificationInput[];
  alertRules: readonly AlertRuleInput[];
}

export interface UserFacts {
  id: string;
  lastSeen: string;
  /** The account the user was most recently seen in. */
  accountId: string | null;
  usage: SubjectUsage | undefined;
  /** Levels already awarded, by program. */
  awarded: ReadonlyMap<string, number>;
  completedChecklists: ReadonlySet<string>;
  /** The latest score of the last SCORE_WINDOW_DAYS days. */
  score: LatestScore | null;
}

/** A 0–10 survey answer (NPS) of one of an account's users: what they think, beside what they do. */
export interface SurveyScore {
  visitorId: string;
  /** The name trait of the user, when identify gave one. */
  name: string | null;
  campaignId: string;
  score: number;
  comment: string | null;
  answeredAt: string;
}

export interface AccountFacts {
  id: string;
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  members: readonly { userId: string; lastSeen: string }[];
  usage: SubjectUsage | undefined;
  lastTouch: { at: string; channel: string } | null;
  /** Scores of the last SCORE_WINDOW_DAYS days, newest first. */
  scores: readonly SurveyScore[];
}

export interface UserMetrics {
  userId: string;
  accountId: string | null;
  journey: string;
  stage: string;
  stageIndex: number;
  keyFeaturesUsed: string[];
  certifications: Record<string, CertificationProgress>;
  /** The latest survey score of the last SCORE_WINDOW_DAYS days, for audiences ("promoters"). */
  score: LatestScore | null;
  /** Levels reached in this evaluation that were not awarded before (`programName` for webhooks). */
  awards: { program: string; programName: string; level: number; name: string }[];
}

export interface AccountMetrics {
  accountId: string;
  journey: string;
  stage: string;
  stageIndex: number;
  users: number;
  activeUsers7d: number;
  activeUsers30d: number;
  seats: number | null;
  deploymentRate: number | null;
  utilizationRate: number | null;
  keyFeaturesUsed: string[];
  keyFeaturesIdle: { feature: string; days: number | null }[];
  lastActiveAt: string;
  daysSinceActive: number;
  health: HealthResult;
  healthVersion: number;
  seatTier: string | null;
  tenureMonths: number;
  tenureFrom: 'contract' | 'first_seen';
  tenureTier: string | null;
  lastTouchAt: string | null;
  lastTouchChannel: string | null;
  daysSinceTouch: number | null;
  contact: 'recent' | 'stale';
  /** The latest scores of the last SCORE_WINDOW_DAYS days (at most SCORES_KEPT), each with its age in days. */
  scores: (SurveyScore & { days: number })[];
  /** NPS over every score of those days; null without any. */
  nps: NpsSummary | null;
}

/** Scores kept with an account's metrics: enough to read, not a survey export. */
export const SCORES_KEPT = 20;

export class Evaluator {
  readonly keyFeatures: string[];
  readonly featureNames: Map<string, string>;
  /** Every look-back window (days; 0 = ever) some definition reads: what the loader summarises. */
  readonly windows: number[];

  constructor(
    readonly defs: Definitions,
    /** UTC day (YYYY-MM-DD) the evaluation is as of. */
    readonly today: string,
  ) {
    this.keyFeatures = defs.features.filter((f) => f.isKey).map((f) => f.key).sort();
    this.featureNames = new Map(defs.features.map((f) => [f.key, f.name]));
    const windows = new Set<number>([0, defs.measures.activeDays, defs.measures.utilization.withinDays]);
    for (const journey of defs.journeys) for (const s of journey.stages) for (const w of windowsOf([...s.user, ...s.account])) windows.add(w);
    for (const journey of [DEFAULT_JOURNEY]) for (const s of journey.stages) for (const w of windowsOf([...s.user, ...s.account])) windows.add(w);
    for (const program of defs.programs) for (const l of program.levels) for (const w of windowsOf(l.requirements.filter((r) => 'feature' in r))) windows.add(w);
    this.windows = [...windows].sort((a, b) => a - b);
  }

  private readonly starts = new Map<number, string>();
  /** First day of a window of `days` days ending today. */
  since(days: number): string {
    let start = this.starts.get(days);
    if (start === undefined) this.starts.set(days, (start = windowStart(this.today, days)));
    return start;
  }

  private readonly defaultJourney = { ...DEFAULT_JOURNEY, version: 0 };
  journeyOf(traits: Record<string, unknown>): JourneyInput & { version: number } {
    return journeyFor(this.defs.journeys, traits, this.defaultJourney);
  }

  user(user: UserFacts, accountTraits: Record<string, unknown>): UserMetrics {
    const journey = this.journeyOf(accountTraits);
    const ctx = { usage: user.usage, keyFeatures: this.keyFeatures, featureNames: this.featureNames };
    const placed = place(journey, 'user', ctx);
    const certifications: Record<string, CertificationProgress> = {};
    const awards: UserMetrics['awards'] = [];
    for (const program of this.defs.programs) {
      const before = user.awarded.get(program.key) ?? null;
      const progress = certify(program, before, { ...ctx, completedChecklists: user.completedChecklists });
      certifications[program.key] = progress;
      for (const level of newAwards(program, before, progress.level)) {
        awards.push({ program: program.key, programName: program.name, level, name: program.levels.find((l) => l.level === level)!.name });
      }
    }
    const used = inWindow(user.usage, 0).features;
    return {
      userId: user.id,
      accountId: user.accountId,
      journey: journey.key,
      stage: placed.stage,
      stageIndex: placed.stageIndex,
      keyFeaturesUsed: this.keyFeatures.filter((f) => used.has(f)),
      certifications,
      score: user.score,
      awards,
    };
  }

  /** `members` are the evaluated users of this account (for "≥ n users reached stage" and utilization). */
  account(account: AccountFacts, members: ReadonlyMap<string, { stageIndex: number; journey: string; usage: SubjectUsage | undefined }>): AccountMetrics {
    const { measures, tiers, health } = this.defs;
    const journey = this.journeyOf(account.traits);
    // Times are ISO-8601 UTC, so comparing the text with the window's first day compares days.
    const active = (days: number) => {
      const since = this.since(days);
      return account.members.filter((m) => m.lastSeen >= since);
    };
    const active30 = active(measures.activeDays);
    const usersAtOrPast = (stage: string) => {
      const index = stageIndexOf(journey, stage);
      let n = 0;
      for (const m of account.members) {
        const u = members.get(m.userId);
        if (u && u.journey === journey.key && u.stageIndex >= index) n++;
      }
      return n;
    };
    const placed = place(journey, 'account', { usage: account.usage, keyFeatures: this.keyFeatures, featureNames: this.featureNames, usersAtOrPast });

    const seatsRaw = account.traits[measures.seatsTrait];
    const seats = typeof seatsRaw === 'number' && seatsRaw > 0 ? seatsRaw : typeof seatsRaw === 'string' && Number(seatsRaw) > 0 ? Number(seatsRaw) : null;
    const deploymentRate = seats === null ? null : round3(active30.length / seats);

    const keyCount = this.keyFeatures.length;
    const recent = inWindow(account.usage, measures.activeDays).features;
    const breadthShare = keyCount ? this.keyFeatures.filter((f) => recent.has(f)).length / keyCount : null;
    const utilizationRate = this.utilization(account, active(measures.utilization.withinDays).map((m) => members.get(m.userId)?.usage));

    const ever = inWindow(account.usage, 0).features;
    const keyFeaturesIdle = this.keyFeatures.map((feature) => {
      const last = ever.get(feature)?.lastDay;
      return { feature, days: last ? daysBetween(last, this.today) : null };
    });

    const daysSinceActive = Math.max(0, daysBetween(dayOf(account.lastSeen), this.today));
    const daysSinceTouch = account.lastTouch ? Math.max(0, daysBetween(dayOf(account.lastTouch.at), this.today)) : null;
    const start = contractStart(account.traits[measures.contractStartTrait]);
    const tenureMonths = monthsBetween(start ?? dayOf(account.firstSeen), this.today);

    return {
      accountId: account.id,
      journey: journey.key,
      stage: placed.stage,
      stageIndex: placed.stageIndex,
      users: account.members.length,
      activeUsers7d: active(7).length,
      activeUsers30d: active30.length,
      seats,
      deploymentRate,
      utilizationRate,
      keyFeaturesUsed: this.keyFeatures.filter((f) => ever.has(f)),
      keyFeaturesIdle,
      lastActiveAt: account.lastSeen,
      daysSinceActive,
      health: scoreHealth(health, { deploymentRate, utilizationRate, breadthShare, daysSinceActive, daysSinceTouch, traits: account.traits }),
      healthVersion: health.version,
      seatTier: seatTier(tiers, active30.length),
      tenureMonths,
      tenureFrom: start ? 'contract' : 'first_seen',
      tenureTier: tenureTier(tiers, tenureMonths),
      lastTouchAt: account.lastTouch?.at ?? null,
      lastTouchChannel: account.lastTouch?.channel ?? null,
      daysSinceTouch,
      contact: daysSinceTouch !== null && daysSinceTouch < measures.contactRecentDays ? 'recent' : 'stale',
      scores: account.scores.slice(0, SCORES_KEPT).map((s) => ({ ...s, days: Math.max(0, daysBetween(dayOf(s.answeredAt), this.today)) })),
      nps: account.scores.length ? npsSummary(account.scores.map((s) => s.score)) : null,
    };
  }

  /** See MeasuresInput.utilization for the two definitions. Null when it cannot be measured. */
  private utilization(account: AccountFacts, activeUsage: (SubjectUsage | undefined)[]): number | null {
    const u = this.defs.measures.utilization;
    if (u.type === 'key_features') {
      if (!this.keyFeatures.length) return null;
      const used = inWindow(account.usage, u.withinDays).features;
      return round3(this.keyFeatures.filter((f) => used.has(f)).length / this.keyFeatures.length);
    }
    if (!activeUsage.length) return 0;
    const days = activeUsage.reduce((sum, usage) => sum + inWindow(usage, u.withinDays).activeDays, 0);
    const perUserPerWeek = days / activeUsage.length / (u.withinDays / 7);
    return round3(Math.min(1, perUserPerWeek / u.targetDaysPerWeek));
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export type { HealthColour };
