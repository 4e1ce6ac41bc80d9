// One signed POST to a webhook URL, and what came of it. Never throws: every failure becomes an
// outcome the delivery log can show.
import { signWebhook } from './signature.ts';

export type SendOutcome =
  | { delivered: true; status: number }
  /** `status` is null when no response arrived (refused, timed out, DNS, TLS…). */
  | { delivered: false; status: number | null; error: string };

export interface SignedRequest {
  url: string;
  secret: string;
  eventId: string;
  body: string;
}

const USER_AGENT = 'Uptake-Webhooks/1';

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  const code = failure.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ENOTFOUND') return 'host not found (ENOTFOUND)';
  const detail = failure.cause?.message ?? failure.message ?? String(error);
  return (code ? `${detail} (${code})` : detail).slice(0, 500);
}

export async function sendSigned({ url, secret, eventId, body }: SignedRequest, timeoutMs: number): Promise<SendOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'x-uptake-event-id': eventId,
        'x-uptake-timestamp': String(timestamp),
        'x-uptake-signature': signWebhook(secret, timestamp, body),
      },
      body,
      // A redirect would re-send the signed event somewhere nobody registered: count it as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is of no use; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status };
    return { delivered: false, status: response.status, error: `the receiver answered HTTP ${response.status}` };
  } catch (error) {
    return { delivered: false, status: null, error: describeFailure(error, timeoutMs) };
  }
}
