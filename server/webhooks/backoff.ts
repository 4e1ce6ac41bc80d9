// When to try a failed delivery again. Pure, so the schedule is tested exactly.

/**
 * Delay after each failed attempt, in multiples of the base delay. With the default base of
 * 10 s: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h — about 21 hours from first try to last.
 */
export const RETRY_STEPS = [1, 6, 30, 180, 720, 2160, 4320] as const;
/** Attempts before a delivery is marked failed: the first try and one per step above. */
export const MAX_ATTEMPTS = RETRY_STEPS.length + 1;
export const DEFAULT_BASE_DELAY_MS = 10_000;

export interface RetryPolicy {
  /** Default 10 s; tests use a few milliseconds. */
  baseDelayMs: number;
  /** Default 8. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: DEFAULT_BASE_DELAY_MS, maxAttempts: MAX_ATTEMPTS };

/**
 * Milliseconds to wait after failed attempt number `attempts` (1-based), or null when it was the
 * last one. ±10 % jitter keeps deliveries that failed together (a receiver's outage) from all
 * coming back in the same second.
 */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const step = RETRY_STEPS[Math.min(attempts, RETRY_STEPS.length) - 1] ?? 1;
  return Math.round(policy.baseDelayMs * step * (0.9 + 0.2 * random()));
}
