// Identity verification: the customer's backend signs a short JWT (HS256 only) saying which
// user (and optionally which account) the browser speaks for, so nobody can send events or
// read messages as someone else by typing their userId into the console.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_TOKEN_BYTES = 4096;
/** Clock difference tolerated between the customer's servers and ours. */
export const CLOCK_SKEW_S = 30;

export type TokenProblem =
  | 'missing_token'
  | 'token_too_large'
  | 'malformed_token'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'token_expired'
  | 'subject_mismatch'
  | 'account_mismatch';

export const TOKEN_PROBLEMS: Record<TokenProblem, string> = {
  missing_token: 'identity verification is on and no token was sent for this user; pass { token } to uptake.identify()',
  token_too_large: 'the identity token is over 4 KB',
  malformed_token: 'the identity token is not a JWT (header.payload.signature)',
  unsupported_algorithm: 'identity tokens must be signed with HS256',
  bad_signature: 'the identity token signature does not match any active secret',
  token_expired: 'the identity token has expired (or has no exp claim)',
  subject_mismatch: 'the identity token is for another user (sub ≠ userId)',
  account_mismatch: 'the identity token is for another account (accountId ≠ groupId)',
};

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Returns null when the token proves `userId` (and `accountId`, if the token names one). */
export function checkIdentityToken(
  token: string | undefined,
  expected: { userId: string; accountId?: string | null },
  secrets: readonly string[],
  nowS = Date.now() / 1000,
): TokenProblem | null {
  if (!token) return 'missing_token';
  // Refuse big tokens before any decoding work.
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) return 'token_too_large';
  const parts = token.split('.');
  if (parts.length !== 3) return 'malformed_token';
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload) return 'malformed_token';
  // The algorithm is pinned: "none" or RS/ES tricks never reach signature checking.
  if (header['alg'] !== 'HS256') return 'unsupported_algorithm';
  const signature = Buffer.from(signaturePart, 'base64url');
  let valid = false;
  for (const secret of secrets) {
    const expectedSig = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
    // Compare against every secret, each in constant time, so timing reveals nothing.
    if (signature.length === expectedSig.length && timingSafeEqual(signature, expectedSig)) valid = true;
  }
  if (!valid) return 'bad_signature';
  const exp = payload['exp'];
  if (typeof exp !== 'number' || nowS > exp + CLOCK_SKEW_S) return 'token_expired';
  if (payload['sub'] !== expected.userId) return 'subject_mismatch';
  const account = payload['accountId'];
  if (account !== undefined && expected.accountId != null && account !== expected.accountId) return 'account_mismatch';
  return null;
}

/** Signs a token the way a customer's backend would (used by docs, the demo and tests). */
export function signIdentityToken(claims: { sub: string; exp: number; accountId?: string }, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
