// CORS for what web pages call (/v1: events, decide, config): any origin, never credentials.
//
// The headers are added with c.header() before the route runs, so they are part of its response
// as it is built. hono/cors sets them on c.res instead, which makes Hono build a placeholder
// response first and then copy its headers into the route's response, turning the Node adapter's
// lightweight response into a full web Response with a body stream: on a one-event ingest that
// cost as much as validating the event.
import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'POST, GET, OPTIONS';
const ALLOW_HEADERS = 'Content-Type, X-Uptake-Key';
/** Browsers cache a preflight answer for at most this long (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE = '86400';

export function publicCors(): MiddlewareHandler {
  return async function publicCors(c, next) {
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      return c.body(null, 204);
    }
    await next();
  };
}
