// Console entry: a key form until a secret key is known, then the workspace's overview.
import { render } from 'preact';
import { client, signOut } from './state.ts';
import { useResource } from './use-resource.ts';
import { Accounts } from './views/accounts.tsx';
import { Campaigns } from './views/campaigns.tsx';
import { Install, RecentEvents } from './views/install.tsx';
import { KeyForm } from './views/key-form.tsx';

function Workspace() {
  const api = client.value!;
  const [install] = useResource(() => api.install(), [api]);
  if (install.status === 'error') {
    return (
      <main>
        <section>
          <p class="error" role="alert">
            {install.message}
          </p>
          <button onClick={signOut}>Use another key</button>
        </section>
      </main>
    );
  }
  return (
    <>
      <header>
        <strong>Uptake</strong>
        <span class="ws">{install.status === 'ready' ? install.data.workspace.name : '…'}</span>
        <button class="link" style="margin-left:auto" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Campaigns client={api} />
        <Accounts client={api} />
        <div class="grid">
          <Install client={api} />
          <RecentEvents client={api} />
        </div>
      </main>
    </>
  );
}

function App() {
  return client.value ? <Workspace /> : <KeyForm />;
}

render(<App />, document.getElementById('app')!);
