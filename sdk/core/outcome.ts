// What to do with a batch after the server (or the network) answered.
import { backoffDelay, MAX_ATTEMPTS } from './backoff.ts';

export type Outcome = { action: 'done' } | { action: 'retry'; delayMs: number } | { action: 'drop'; reason: string };

export type Answer = { status: number; retryAfter?: string | null } | { networkError: true };

/** Longest Retry-After we honour; a longer one is treated as this. */
const MAX_RETRY_AFTER_MS = 300_000;

/** `attempt` counts tries already made (1 after the first failure). */
export function classify(answer: Answer, attempt: number, random?: () => number): Outcome {
  const retryable = 'networkError' in answer || answer.status === 408 || answer.status === 429 || answer.status >= 500;
  if ('status' in answer && answer.status >= 200 && answer.status < 300) return { action: 'done' };
  if (!retryable) return { action: 'drop', reason: `the server refused the events (HTTP ${(answer as { status: number }).status})` };
  if (attempt >= MAX_ATTEMPTS) return { action: 'drop', reason: `gave up after ${MAX_ATTEMPTS} attempts` };
  if ('status' in answer && answer.status === 429 && answer.retryAfter) {
    const after = retryAfterMs(answer.retryAfter);
    if (after !== null) return { action: 'retry', delayMs: Math.min(after, MAX_RETRY_AFTER_MS) };
  }
  return { action: 'retry', delayMs: backoffDelay(attempt - 1, random) };
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(value: string): number | null {
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
