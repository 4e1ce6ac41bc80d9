// How to embed: the snippet with this workspace's write key, and the latest events received.
import type { Client } from '../api.ts';
import { useResource } from '../use-resource.ts';
import { formatDate, Loaded } from './status.tsx';

export function Install({ client }: { client: Client }) {
  const [resource, retry] = useResource(() => client.install(), [client]);
  return (
    <section aria-labelledby="install-title">
      <h2 id="install-title">Install</h2>
      <Loaded resource={resource} retry={retry}>
        {(install) => (
          <>
            <p class="muted">Paste this into the &lt;head&gt; of every page of your product, then call uptake.identify() and uptake.group() once you know who is signed in.</p>
            <pre>{install.snippet}</pre>
          </>
        )}
      </Loaded>
    </section>
  );
}

export function RecentEvents({ client }: { client: Client }) {
  const [resource, retry] = useResource(() => client.events(15), [client]);
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">
        Latest events{' '}
        <button class="link" onClick={retry}>
          refresh
        </button>
      </h2>
      <Loaded resource={resource} retry={retry}>
        {({ events }) =>
          events.length === 0 ? (
            <p class="muted">Nothing received yet.</p>
          ) : (
            <table>
              <tbody>
                {events.map((e) => (
                  <tr key={e.messageId}>
                    <td>{e.type}</td>
                    <td>{e.name ?? ''}</td>
                    <td class="muted">{e.userId ?? e.anonymousId}</td>
                    <td class="muted">{formatDate(e.timestamp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
