// Shown when nobody is signed in: email and password, and the workspace when the email has a
// login in several. The server sets an httpOnly session cookie; nothing secret is kept here.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, asApiFailure } from '../api.ts';
import { signInWithPassword } from '../state.ts';

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** What to tell the person: the server's message (e.g. how long to wait after too many attempts), reworded where a form says it better. */
function explain(failure: ApiFailure): string {
  if (failure.code === 'invalid_credentials') return 'Wrong email or password.';
  if (failure.code === 'workspace_required') return 'This email signs in to several workspaces. Enter the name of the one to open.';
  return sentence(failure.message);
}

export function LoginForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const workspaceInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // After a refusal the cursor goes where the fix is.
    if (failure?.code === 'workspace_required') workspaceInput.current?.focus();
    else if (failure?.code === 'invalid_credentials') passwordInput.current?.select();
  }, [failure]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await signInWithPassword({ email, password, ...(workspace ? { workspace } : {}) });
    } catch (error) {
      const refused = asApiFailure(error);
      if (refused.code === 'workspace_required' && workspace === null) setWorkspace('');
      setFailure(refused);
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="panel login-form" onSubmit={submit} aria-busy={busy} aria-describedby={failure ? 'login-problem' : undefined}>
        <h1>Sign in to Uptake</h1>
        {failure && (
          <p id="login-problem" class="error-note" role="alert">
            {explain(failure)}
          </p>
        )}
        <div class="field">
          <label for="login-email">Email</label>
          <input id="login-email" type="email" autocomplete="username" required autoFocus value={email} aria-invalid={failure?.code === 'invalid_credentials'} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="login-password">Password</label>
          <input id="login-password" ref={passwordInput} type="password" autocomplete="current-password" required value={password} aria-invalid={failure?.code === 'invalid_credentials'} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </div>
        {workspace !== null && (
          <div class="field">
            <label for="login-workspace">Workspace</label>
            <input id="login-workspace" ref={workspaceInput} type="text" autocomplete="organization" required value={workspace} onInput={(e) => setWorkspace((e.target as HTMLInputElement).value)} />
          </div>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        <p class="muted">
          No login yet? An admin adds you under Settings → Console users, or on the server: <code>npx uptake user create --email you@example.com --role admin</code>
        </p>
      </form>
    </main>
  );
}
