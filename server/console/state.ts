// Console state as module-level signals.
import { signal } from '@preact/signals';
import { createClient, type Client } from './api.ts';

const KEY_STORAGE = 'uptake-console:key';

/** The secret key arrives once in the URL fragment (#key=sk_…) and is kept for this browser tab only. */
function initialKey(): string | null {
  const match = /(?:^|[#&])key=(sk_[\w-]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(KEY_STORAGE, match[1]!);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1]!;
  }
  return sessionStorage.getItem(KEY_STORAGE);
}

export const secretKey = signal<string | null>(initialKey());
export const client = signal<Client | null>(secretKey.value ? createClient(secretKey.value) : null);

export function signIn(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
  secretKey.value = key;
  client.value = createClient(key);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  secretKey.value = null;
  client.value = null;
}
