import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_ATTEMPTS } from '../../sdk/core/backoff.ts';
import { classify } from '../../sdk/core/outcome.ts';

const noJitter = () => 0.5;

describe('what the SDK does with each answer', () => {
  it.each([
    [200, 'done'],
    [202, 'done'],
    [400, 'drop'],
    [401, 'drop'],
    [403, 'drop'],
    [413, 'drop'],
    [415, 'drop'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('HTTP %i → %s', (status, action) => {
    expect(classify({ status }, 1, noJitter).action).toBe(action);
  });

  it('retries network errors and timeouts', () => {
    expect(classify({ networkError: true }, 1, noJitter)).toEqual({ action: 'retry', delayMs: 500 });
  });

  it('honours Retry-After seconds on 429, capped at 300 s', () => {
    expect(classify({ status: 429, retryAfter: '7' }, 1)).toEqual({ action: 'retry', delayMs: 7000 });
    expect(classify({ status: 429, retryAfter: '3600' }, 1)).toEqual({ action: 'retry', delayMs: 300_000 });
  });

  it('honours Retry-After as an HTTP date', () => {
    const outcome = classify({ status: 429, retryAfter: new Date(Date.now() + 10_000).toUTCString() }, 1);
    expect(outcome.action).toBe('retry');
    expect((outcome as { delayMs: number }).delayMs).toBeGreaterThan(8_000);
    expect((outcome as { delayMs: number }).delayMs).toBeLessThanOrEqual(10_000);
  });

  it('falls back to backoff when 429 has no usable Retry-After', () => {
    expect(classify({ status: 429, retryAfter: 'soon' }, 2, noJitter)).toEqual({ action: 'retry', delayMs: 1000 });
    expect(classify({ status: 429 }, 1, noJitter)).toEqual({ action: 'retry', delayMs: 500 });
  });

  it('gives up after the last attempt', () => {
    expect(classify({ status: 503 }, MAX_ATTEMPTS - 1, noJitter).action).toBe('retry');
    expect(classify({ status: 503 }, MAX_ATTEMPTS, noJitter)).toEqual({ action: 'drop', reason: 'gave up after 10 attempts' });
  });
});

describe('backoff', () => {
  it('doubles from 0.5 s and stops growing at 60 s', () => {
    expect([0, 1, 2, 3, 6, 7, 12].map((n) => backoffDelay(n, noJitter))).toEqual([500, 1000, 2000, 4000, 32_000, 60_000, 60_000]);
  });
  it('jitters by at most 10% either way', () => {
    expect(backoffDelay(3, () => 0)).toBe(3600);
    expect(backoffDelay(3, () => 1)).toBe(4400);
  });
});
