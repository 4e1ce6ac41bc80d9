// What a user or account did with features, summarised per look-back window. Built from the
// per-day counters ingest keeps, so evaluating any criterion never touches raw events.

/** Window 0 means "ever". */
export type WindowDays = number;

export interface WindowFeatureUse {
  /** Distinct days the feature was used in the window. */
  days: number;
  /** Uses in the window. */
  count: number;
  /** Last day (YYYY-MM-DD, UTC) it was used. */
  lastDay: string;
}

export interface WindowUsage {
  features: Map<string, WindowFeatureUse>;
  /** Distinct days any feature was used in the window. */
  activeDays: number;
}

export type SubjectUsage = Map<WindowDays, WindowUsage>;

const NO_USE: WindowUsage = { features: new Map(), activeDays: 0 };

export function inWindow(usage: SubjectUsage | undefined, withinDays: number | undefined): WindowUsage {
  return usage?.get(withinDays ?? 0) ?? NO_USE;
}

const DAY_MS = 86_400_000;

/** UTC calendar day of an instant: the unit every window and "days since" counts in. */
export function dayOf(at: string | Date): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

/** First day inside a window of `days` days ending today (today counts as day 1). */
export function windowStart(today: string, days: number): string {
  return new Date(Date.parse(today) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one UTC day to a later one. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
}
