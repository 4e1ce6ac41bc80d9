// Identifiers and API keys. Keys carry a prefix so a pasted key tells what it is.
import { randomBytes, randomUUID } from 'node:crypto';

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export const newId = (): string => randomUUID();
/** Public: embedded in web pages, only allows sending events and asking what to show. */
export const newWriteKey = (): string => `wk_${token(18)}`;
/** Private: full admin access to one workspace. */
export const newSecretKey = (): string => `sk_${token(24)}`;
