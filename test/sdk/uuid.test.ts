// Event ids: valid version-7 UUIDs that sort by creation time, so the server's de-duplication
// index takes new events at its end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from '../../sdk/core/uuid.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.useRealTimers());

describe('uuid', () => {
  it('is a version-7 UUID carrying the creation time in milliseconds', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 16, 30) });
    const id = uuid();
    expect(id).toMatch(V7);
    expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 23, 16, 30));
  });

  it('sorts ids made later after earlier ones, and never repeats', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23) });
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      ids.push(uuid());
      vi.advanceTimersByTime(1);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('still makes valid ids where crypto is missing', () => {
    vi.stubGlobal('crypto', undefined);
    try {
      expect(uuid()).toMatch(V7);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
