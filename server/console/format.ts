// Numbers and dates as the viewer reads them: their locale, their time zone.
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const precisePercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const languages = new Intl.DisplayNames(undefined, { type: 'language', fallback: 'none' });

const DASH = '—';

/** A whole number with its sign: NPS runs from −100 to 100, and the sign is half the message. */
export const formatSigned = (n: number): string => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0');

export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? DASH : integer.format(n));
export const formatDecimal = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? DASH : decimal.format(n));
/** A rate from 0 to 1 as "42 %" (the locale decides the spacing and sign). */
export const formatPercent = (rate: number | null | undefined, precise = false): string =>
  rate === null || rate === undefined || !Number.isFinite(rate) ? DASH : (precise ? precisePercent : percent).format(rate);
/** A signed difference of rates in percentage points, e.g. "+4.2 pp". */
export const formatPoints = (diff: number | null | undefined): string =>
  diff === null || diff === undefined || !Number.isFinite(diff) ? DASH : `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${decimal.format(Math.abs(diff * 100))} pp`;

const parse = (iso: string | null | undefined) => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};
/** An instant in the viewer's time zone. */
export const formatDateTime = (iso: string | null | undefined): string => {
  const d = parse(iso);
  return d ? dateTime.format(d) : DASH;
};
export const formatDate = (iso: string | null | undefined): string => {
  const d = parse(iso);
  return d ? date.format(d) : DASH;
};
/** Server sentences ("dismissed at 2026-11-20T09:00:00.000Z") with each instant in the viewer's time zone. */
export const withReadableTimes = (text: string): string => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g, (iso) => formatDateTime(iso));
/** A calendar day (YYYY-MM-DD, as the server counts days in UTC) without shifting it across time zones. */
export const formatDay = (day: string): string => {
  const d = parse(`${day}T00:00:00Z`);
  return d ? shortDay.format(d) : day;
};

/** "3 days ago", "yesterday", "today"; `now` is for tests. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return 'never';
  const days = Math.round((d.getTime() - now) / 86_400_000);
  if (Math.abs(days) < 1) {
    const hours = Math.round((d.getTime() - now) / 3_600_000);
    return hours === 0 ? 'just now' : relative.format(hours, 'hour');
  }
  if (Math.abs(days) < 60) return relative.format(days, 'day');
  return relative.format(Math.round(days / 30), 'month');
}

/** A stage key or rule type as words: "signed_up" → "Signed up". */
export const humanize = (key: string): string => {
  const words = key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A locale tag in the viewer's words with the tag itself: "pt-BR" → "Brazilian Portuguese (pt-BR)"; the tag alone when unknown. */
export function formatLanguage(tag: string): string {
  try {
    const name = languages.of(tag);
    return name ? `${name} (${tag})` : tag;
  } catch {
    // Not a well-formed tag (RangeError): say it as it was typed.
    return tag;
  }
}
