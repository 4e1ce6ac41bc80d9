// Seat tier (by active users) and tenure tier (by whole months since the contract started).
import type { TiersInput } from '../protocol/analytics.ts';

/** Highest tier whose minimum the active users reach; null below the lowest (by default: no active user). */
export function seatTier(tiers: TiersInput, activeUsers: number): string | null {
  return tiers.seat.find((t) => activeUsers >= t.min)?.name ?? null;
}

/** Whole calendar months from `start` to `today` (both YYYY-MM-DD…); negative when start is in the future. */
export function monthsBetween(start: string, today: string): number {
  const [y1, m1, d1] = start.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = today.slice(0, 10).split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

export function tenureTier(tiers: TiersInput, months: number): string | null {
  if (months < 0) return null;
  let name: string | null = null;
  for (const t of tiers.tenure) if (months >= t.minMonths) name = t.name;
  return name;
}

/** A contract start trait as an ISO day, or null when missing or not a date. */
export function contractStart(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString().slice(0, 10);
}
