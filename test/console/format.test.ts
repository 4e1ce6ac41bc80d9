// @vitest-environment happy-dom
// Numbers in the viewer's locale, instants in the viewer's time zone, server days as they are,
// and the editing helpers behind definition forms.
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../server/console/api.ts';
import { getIn, parseScalar, pathText, setIn, withoutVersion } from '../../server/console/draft.ts';
import { formatAgo, formatDateTime, formatDay, formatLanguage, formatNumber, formatPercent, formatPoints, formatSigned, humanize, withReadableTimes } from '../../server/console/format.ts';

describe('formatting', () => {
  it('formats numbers and rates with Intl and shows a dash for what is unknown', () => {
    expect(formatNumber(10000)).toBe(new Intl.NumberFormat().format(10000));
    expect(formatPercent(0.4171)).toBe(new Intl.NumberFormat(undefined, { style: 'percent' }).format(0.42));
    expect(formatPercent(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('writes a net promoter score with its sign', () => {
    expect([formatSigned(23), formatSigned(-33.3), formatSigned(0)]).toEqual(['+23', '−33', '0']);
  });

  it('writes lift in signed percentage points', () => {
    expect(formatPoints(0.042)).toMatch(/^\+4[.,]2 pp$/);
    expect(formatPoints(-0.1)).toMatch(/^−10 pp$/);
    expect(formatPoints(0)).toBe('±0 pp');
  });

  it('shows an instant in the viewer’s time zone', () => {
    const iso = '2026-11-23T23:30:00.000Z';
    expect(formatDateTime(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
  });

  it('puts the instants of a server sentence in the viewer’s time zone, and leaves days and numbers alone', () => {
    const iso = '2026-11-20T09:00:00.000Z';
    expect(withReadableTimes(`reached the goal at ${iso}; shown 2 of max 3 times since 2026-11-19`)).toBe(`reached the goal at ${formatDateTime(iso)}; shown 2 of max 3 times since 2026-11-19`);
    expect(withReadableTimes('snoozed until 2026-11-26T09:00:00Z')).toBe(`snoozed until ${formatDateTime('2026-11-26T09:00:00Z')}`);
  });

  it('names a language in the viewer’s words beside its tag, and says an unknown tag as it was typed', () => {
    expect(formatLanguage('pt-BR')).toBe(`${new Intl.DisplayNames(undefined, { type: 'language' }).of('pt-BR')} (pt-BR)`);
    expect(formatLanguage('xx')).toBe('xx');
    expect(formatLanguage('not a tag!')).toBe('not a tag!');
  });

  it('shows a server day as that day in every time zone', () => {
    expect(formatDay('2026-11-23')).toBe(new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 23)));
  });

  it('says how long ago, and "never" for no date', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatAgo('2026-11-20T12:00:00Z', now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-3, 'day'));
    expect(formatAgo(null, now)).toBe('never');
  });

  it('turns keys into words', () => {
    expect(humanize('signed_up')).toBe('Signed up');
    expect(humanize('seatTier')).toBe('Seat tier');
  });
});

describe('editing definitions by path', () => {
  it('writes paths the way the server names fields', () => {
    expect(pathText(['stages', 1, 'user', 0, 'breadth', 'atLeast'])).toBe('stages[1].user[0].breadth.atLeast');
  });

  it('reads the field out of a server validation message', () => {
    expect(new ApiFailure(400, 'invalid_health', 'thresholds.yellow: yellow must be below green').field).toBe('thresholds.yellow');
    expect(new ApiFailure(400, 'invalid_journey', 'stages[0]: the first stage is where everyone starts').field).toBe('stages[0]');
    expect(new ApiFailure(500, 'internal', 'something went wrong: sorry').field).toBeNull();
  });

  it('updates a copy and leaves the original and untouched branches as they were', () => {
    const before = { thresholds: { green: 70, yellow: 40 }, components: [{ weight: 1 }, { weight: 2 }] };
    const after = setIn(before, ['components', 1, 'weight'], 5);
    expect(after.components[1]).toEqual({ weight: 5 });
    expect(before.components[1]).toEqual({ weight: 2 });
    expect(after.thresholds).toBe(before.thresholds);
    expect(getIn(after, ['components', 1, 'weight'])).toBe(5);
  });

  it('sends a stored definition back without its version bookkeeping', () => {
    expect(withoutVersion({ key: 'a', version: 3, updatedAt: 'x', updatedBy: 'y' })).toEqual({ key: 'a' });
  });

  it('reads segment values as numbers and booleans where they look like them', () => {
    expect(['12', 'true', 'veterinary', ' 3.5 '].map(parseScalar)).toEqual([12, true, 'veterinary', 3.5]);
  });
});
