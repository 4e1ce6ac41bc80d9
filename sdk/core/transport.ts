// Sends one batch. Bodies go as text/plain: a "simple" CORS request needs no preflight,
// and a preflight cannot complete while the page is unloading.
import type { Answer } from './outcome.ts';

/** Browsers allow at most 64 KB of keepalive bodies in flight per page. */
export const KEEPALIVE_LIMIT = 64 * 1024;
const TIMEOUT_MS = 15_000;

export async function postBatch(url: string, body: string, { unloading = false } = {}): Promise<Answer> {
  const keepalive = unloading && body.length <= KEEPALIVE_LIMIT;
  if (unloading && !keepalive && navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))) {
    return { status: 202 };
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = controller && !unloading ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body,
      keepalive,
      credentials: 'omit',
      ...(controller ? { signal: controller.signal } : {}),
    });
    return { status: response.status, retryAfter: response.headers.get('Retry-After') };
  } catch {
    return { networkError: true };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
