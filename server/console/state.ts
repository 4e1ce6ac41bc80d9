// Who is signed in, and the client that speaks for them. A console session (cookie + CSRF token)
// is the way in; a workspace secret key, given once as #key=sk_… or typed in, acts as an admin.
import { computed, signal } from '@preact/signals';
import type { LoginInput } from '../protocol/console-auth.ts';
import { ApiFailure, type Client, createClient, type SessionInfo } from './api.ts';

const KEY_STORAGE = 'uptake-console:key';
/** The stand-in user of a console opened with the secret key: no login, so no password. */
const SECRET_KEY_USER = 'secret-key';

export const session = signal<SessionInfo | null>(null);
/** True when signed in with email and password (not the secret key): there is a password to change. */
export const hasPassword = computed(() => !!session.value && session.value.user.id !== SECRET_KEY_USER);
export const client = signal<Client | null>(null);
/** False until the first check for an existing session has finished. */
export const sessionChecked = signal(false);
/** Why the console is signed out, when it was not the user's choice (e.g. the session expired). */
export const signedOutReason = signal<string | null>(null);

/** The secret key arrives once in the URL fragment (#key=sk_…) and is kept for this browser tab only. */
function keyFromUrl(): string | null {
  const match = /(?:^|[#&])key=(sk_[\w-]+)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return match[1]!;
}

function expired() {
  if (!session.value) return;
  sessionStorage.removeItem(KEY_STORAGE);
  session.value = null;
  client.value = null;
  signedOutReason.value = 'Your session ended. Sign in again to continue.';
}

/** Starts using a session the server granted (after a sign-in or on load). */
export function startSession(info: SessionInfo): void {
  client.value = createClient({ csrfToken: info.csrfToken }, { onUnauthorized: expired });
  session.value = info;
  signedOutReason.value = null;
}

/** Signs in with email and password (the server sets the session cookie); throws the server's refusal as an ApiFailure. */
export async function signInWithPassword(input: LoginInput): Promise<void> {
  startSession(await createClient(null).signIn(input));
}

/** Opens the workspace with its secret key; false (and the server's reason in signedOutReason) when the key is refused. */
export async function signIn(key: string): Promise<boolean> {
  const api = createClient({ secretKey: key }, { onUnauthorized: expired });
  try {
    const { workspace } = await api.install();
    sessionStorage.setItem(KEY_STORAGE, key);
    client.value = api;
    // The secret key is the workspace's master key: it may do everything an admin may.
    session.value = { user: { id: SECRET_KEY_USER, email: 'secret key', role: 'admin' }, workspace, csrfToken: '' };
    signedOutReason.value = null;
    return true;
  } catch (error) {
    sessionStorage.removeItem(KEY_STORAGE);
    signedOutReason.value = error instanceof Error ? error.message : String(error);
    return false;
  }
}

export async function signOut(): Promise<void> {
  const api = client.value;
  const bySession = hasPassword.value;
  sessionStorage.removeItem(KEY_STORAGE);
  session.value = null;
  client.value = null;
  if (api && bySession) await api.endSession().catch(() => undefined);
}

/** On load: a key in the URL wins, then an existing session cookie, then a key kept in this tab. */
export async function restoreSession(): Promise<void> {
  const key = keyFromUrl();
  try {
    if (key) {
      await signIn(key);
      return;
    }
    try {
      startSession(await createClient(null).session());
      return;
    } catch (error) {
      // 401: nobody is signed in. Anything else (server down) is worth saying.
      if (!(error instanceof ApiFailure) || error.status !== 401) signedOutReason.value = (error as Error).message;
    }
    const kept = sessionStorage.getItem(KEY_STORAGE);
    if (kept) await signIn(kept);
  } finally {
    sessionChecked.value = true;
  }
}
