// Retry delays: 0.5 s · 2ⁿ, capped at 60 s, with ±10% jitter so many clients coming back
// from the same outage do not retry in lockstep.
export const MAX_ATTEMPTS = 10;
const BASE_MS = 500;
const CAP_MS = 60_000;

/** Delay before retry number `attempt` (0 for the first retry). `random` is injectable for tests. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exact = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
  return Math.round(exact * (0.9 + 0.2 * random()));
}
