// Users (#/users?q=…): the people seen most recently, or a person from a support ticket or an
// email found by part of their id, name or email; open them or their account. The text stays in
// the address, so a search can be shared and Back returns to it.
import { useId, useState } from 'preact/hooks';
import { client } from '../../state.ts';
import { href, navigate, route } from '../../state/route.ts';
import { humanize } from '../../format.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { TimeAgo } from '../time-ago.tsx';
import { UserCell } from '../user-cell.tsx';

export function UsersScreen() {
  const api = client.value!;
  const q = route.value.query.get('q')?.trim() ?? '';
  const [text, setText] = useState(q);
  const field = useId();
  const [resource, retry] = useResource(() => api.findUsers(q), [api, q]);
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(href(['users'], { q: text.trim() }));
  };
  return (
    <Screen title="Users" lead="Find a person by part of their user id, name or email.">
      <Panel title="Search" id="user-search">
        <form class="fields explain-form" role="search" onSubmit={submit}>
          <div class="field grow">
            <label for={field}>User id, name or email</label>
            <input id={field} type="search" value={text} placeholder="ana@clinic.example" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit">Search</button>
        </form>
        {!q && <p class="muted">Seen most recently:</p>}
        <Loaded resource={resource} retry={retry} isEmpty={(users) => !users.length} empty={q ? `Nobody’s id, name or email holds “${q}”.` : 'No users yet: they appear once your product calls identify().'} loading="Searching…">
          {(users) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Account</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.userId}>
                    <UserCell userId={u.userId} name={u.name} detail={u.email} />
                    <td>{u.accountId ? <a href={href(['accounts', u.accountId])}>{u.accountName ?? u.accountId}</a> : '—'}</td>
                    <td>{u.stage ? humanize(u.stage) : '—'}</td>
                    <td>
                      <TimeAgo at={u.lastSeen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
      </Panel>
    </Screen>
  );
}
