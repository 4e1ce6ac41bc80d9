// Who may sign in to the console and with which role. New users and password resets get a
// one-time password, shown once to the admin to pass on.
import { useState } from 'preact/hooks';
import { ApiFailure, asApiFailure, type ConsoleUser } from '../../api.ts';
import { formatAgo, formatDateTime } from '../../format.ts';
import { client, session } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { useResource } from '../../use-resource.ts';
import { ActionsHeading, Panel } from '../screen.tsx';
import { ErrorNote, Loaded } from '../status.tsx';
import { unavailableNote } from './keys.tsx';

type Role = ConsoleUser['role'];
const ROLES: { value: Role; label: string }[] = [
  { value: 'admin', label: 'admin: everything' },
  { value: 'editor', label: 'editor: definitions and campaigns' },
  { value: 'viewer', label: 'viewer: reads only' },
];

function OneTime({ email, password }: { email: string; password: string }) {
  return (
    <div class="secret" role="status">
      <p>
        One-time password for <strong>{email}</strong>, shown this once. They choose their own after signing in.
      </p>
      <pre>{password}</pre>
    </div>
  );
}

function UserRow({ user, onChanged, onPassword }: { user: ConsoleUser; onChanged: () => void; onPassword: (email: string, password: string) => void }) {
  const api = client.value!;
  const [problem, setProblem] = useState<Error | null>(null);
  const act = async (what: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await what();
      announce(done);
      onChanged();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const self = session.value?.user.id === user.id;
  return (
    <tr>
      <th scope="row">
        {user.email} {self && <span class="pill">you</span>} {user.disabled && <span class="pill">disabled</span>}
        {problem && <ErrorNote error={problem} />}
      </th>
      <td>
        <select aria-label={`Role of ${user.email}`} value={user.role} onChange={(e) => act(() => api.updateConsoleUser(user.id, { role: (e.target as HTMLSelectElement).value as Role }), `${user.email} is now ${(e.target as HTMLSelectElement).value}`)}>
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.value}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span title={user.lastLoginAt ? formatDateTime(user.lastLoginAt) : undefined}>{formatAgo(user.lastLoginAt)}</span>
      </td>
      <td class="actions">
        <button type="button" class="secondary small" onClick={() => act(async () => { const r = await api.resetConsolePassword(user.id); onPassword(user.email, r.password); }, `Password reset for ${user.email}`)}>
          Reset password
        </button>
        <button type="button" class="secondary small" onClick={() => act(() => api.updateConsoleUser(user.id, { disabled: !user.disabled }), user.disabled ? `${user.email} enabled` : `${user.email} disabled`)}>
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}

function AddUser({ onAdded }: { onAdded: (email: string, password: string) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    try {
      const created = await client.value!.createConsoleUser({ email, role });
      setEmail('');
      onAdded(created.user.email, created.password);
    } catch (error) {
      setFailure(asApiFailure(error));
    }
  };
  return (
    <form class="editor" onSubmit={submit} noValidate>
      <h3>Add a console user</h3>
      {failure && (
        <p class="error-note" role="alert">
          {failure.message}
        </p>
      )}
      <div class="fields">
        <div class="field grow">
          <label for="new-user-email">Email</label>
          <input id="new-user-email" type="email" required value={email} aria-invalid={failure?.field === 'email'} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="new-user-role">Role</label>
          <select id="new-user-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="actions">
        <button type="submit">Add user</button>
      </div>
    </form>
  );
}

export function ConsoleUsers() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.consoleUsers(), [api]);
  const [password, setPassword] = useState<{ email: string; password: string } | null>(null);
  const note = resource.status === 'error' ? unavailableNote(resource.error, 'console users') : null;
  return (
    <Panel title="Console users" id="console-users">
      {note ? (
        <p class="muted">{note}</p>
      ) : (
        <Loaded resource={resource} retry={retry}>
          {(users) => (
            <>
              {users.length > 0 && (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">User</th>
                        <th scope="col">Role</th>
                        <th scope="col">Last sign-in</th>
                        <ActionsHeading />
                      </tr>
                    </thead>
                    <tbody>
                      {users.map((u) => (
                        <UserRow key={u.id} user={u} onChanged={retry} onPassword={(email, p) => setPassword({ email, password: p })} />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {password && <OneTime {...password} />}
              <AddUser
                onAdded={(email, p) => {
                  setPassword({ email, password: p });
                  retry();
                }}
              />
            </>
          )}
        </Loaded>
      )}
    </Panel>
  );
}
