// Console passwords: scrypt with a random salt per user, stored with its parameters as
// `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can rise later without
// invalidating passwords already stored.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Cost parameters for new hashes: N = 2^15 (≈ 32 MiB, tens of milliseconds), r = 8, p = 1. */
const COST = { N: 32768, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Hashes with parameters beyond these are refused rather than computed (a tampered row must not stall the server). */
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // maxmem: scrypt needs 128·N·r bytes; the default cap (32 MiB) is just under that at N = 2^15.
    scrypt(password.normalize('NFKC'), salt, HASH_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, COST.N, COST.r, COST.p);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || expected.length !== HASH_BYTES) return false;
  return timingSafeEqual(await derive(password, salt, N, r, p), expected);
}

/**
 * Checked when the email matches nobody, so that an unknown email takes as long to refuse as a
 * wrong password (the answer's timing does not tell which emails have a login). Random bytes in
 * the stored format: the same work as a real hash, and nothing can match it.
 */
const DECOY = ['scrypt', COST.N, COST.r, COST.p, randomBytes(SALT_BYTES).toString('base64url'), randomBytes(HASH_BYTES).toString('base64url')].join('$');
export async function verifyAgainstDecoy(password: string): Promise<false> {
  await verifyPassword(password, DECOY);
  return false;
}

/** A password shown once to an admin (24 characters, 144 bits), to be changed by its owner. */
export const oneTimePassword = (): string => randomBytes(18).toString('base64url');
