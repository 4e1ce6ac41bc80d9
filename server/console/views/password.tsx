// Changing one's own console password: the current one, then the new one twice. Every role may
// do it (viewers too). The server checks the current password and the length, and ends the
// user's other sessions; typing the new one twice only guards against a typo, so that check
// stays here.
import { useId, useState } from 'preact/hooks';
import { ApiFailure, asApiFailure } from '../api.ts';
import { client, hasPassword } from '../state.ts';
import { announce } from '../state/notice.ts';
import { Panel, Screen } from './screen.tsx';

type Field = 'current' | 'next' | 'again';

/** Which field a refusal is about, and what to say beside it; null: say it above the form. */
function placeOf(failure: ApiFailure): { field: Field | null; message: string } {
  if (failure.code === 'wrong_password') return { field: 'current', message: failure.message };
  const field = failure.field;
  if (field === 'current' || field === 'next') return { field, message: failure.message.slice(field.length + 2) };
  return { field: null, message: failure.message };
}

function PasswordField({ label, value, onInput, error, autocomplete }: { label: string; value: string; onInput: (value: string) => void; error: string | null; autocomplete: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="password" required autocomplete={autocomplete} value={value} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} onInput={(e) => onInput((e.target as HTMLInputElement).value)} />
      {error && (
        <span id={`${id}-error`} class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function PasswordForm() {
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', again: '' });
  const [problem, setProblem] = useState<{ field: Field | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const errorFor = (field: Field) => (problem?.field === field ? problem.message : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (values.next !== values.again) {
      setProblem({ field: 'again', message: 'the two new passwords differ; type the same one twice' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await client.value!.changePassword({ current: values.current, next: values.next });
      setValues({ current: '', next: '', again: '' });
      announce('Password changed. You stay signed in here; your other sessions were signed out.');
    } catch (error) {
      setProblem(placeOf(asApiFailure(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="password-form" onSubmit={submit} noValidate aria-busy={busy}>
      {problem && problem.field === null && (
        <p class="error-note" role="alert">
          {problem.message}
        </p>
      )}
      <PasswordField label="Current password" autocomplete="current-password" value={values.current} onInput={set('current')} error={errorFor('current')} />
      <PasswordField label="New password" autocomplete="new-password" value={values.next} onInput={set('next')} error={errorFor('next')} />
      <PasswordField label="New password again" autocomplete="new-password" value={values.again} onInput={set('again')} error={errorFor('again')} />
      <p class="hint">A long phrase you do not use elsewhere is easiest to remember and hardest to guess. Your other sessions are signed out when it changes.</p>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

/** `#/password`. */
export function PasswordScreen() {
  return (
    <Screen title="Your password">
      <Panel title="Change your password" id="password">
        {hasPassword.value ? (
          <PasswordForm />
        ) : (
          <p class="muted">You opened the console with the workspace’s secret key, which has no password. Sign in with your email and password to change yours.</p>
        )}
      </Panel>
    </Screen>
  );
}
