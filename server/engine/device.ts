// The kind of device a page view comes from, when the SDK did not say: read from the
// User-Agent. Tablets first, since Android tablets omit "Mobile" and iPads say "Macintosh".
import type { Device } from '../protocol/decide.ts';

export function deviceFromUserAgent(userAgent: string | undefined): Device | undefined {
  if (!userAgent) return undefined;
  if (/iPad|Tablet|PlayBook|Silk|Kindle/i.test(userAgent) || (/Android/i.test(userAgent) && !/Mobile/i.test(userAgent))) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(userAgent)) return 'mobile';
  return 'desktop';
}
