// Signing webhook requests: X-Uptake-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>.
// The timestamp is inside the signed text so a captured request cannot be replayed later.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** A new signing secret; the whole string, prefix included, is the HMAC key. */
export const newSigningSecret = (): string => `${SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;

/** The X-Uptake-Signature value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyOptions {
  /** Largest accepted age of the timestamp, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Current unix time in seconds. Default: now. */
  now?: number;
}

/**
 * What a receiver does: recompute the signature over the raw body, compare in constant time, and
 * refuse stale timestamps. The header may hold several comma-separated `v1=` values.
 */
export function verifyWebhookSignature(
  secret: string,
  header: { signature: string | null | undefined; timestamp: string | null | undefined },
  body: string,
  { toleranceSeconds = 300, now = Math.floor(Date.now() / 1000) }: VerifyOptions = {},
): boolean {
  const timestamp = Number(header.timestamp);
  if (!header.signature || !Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  return header.signature.split(',').some((candidate) => {
    const given = Buffer.from(candidate.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
