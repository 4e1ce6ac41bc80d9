// Shown when the console has no secret key yet.
import { useState } from 'preact/hooks';
import { signIn } from '../state.ts';

export function KeyForm() {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const value = key.trim();
    if (value.startsWith('wk_')) return setProblem('That is the public write key. The console needs the secret key (sk_…).');
    if (!value.startsWith('sk_')) return setProblem('A secret key starts with sk_. "npm start" and "uptake workspace create" print it.');
    signIn(value);
  };
  return (
    <main>
      <section>
        <h2>Open your workspace</h2>
        <p class="muted">Paste the workspace's secret key. It stays in this browser tab only.</p>
        <form onSubmit={submit}>
          <label for="key" class="muted" style="align-self:center">
            Secret key
          </label>
          <input id="key" type="password" autocomplete="off" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
          <button type="submit">Open</button>
        </form>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
      </section>
    </main>
  );
}
