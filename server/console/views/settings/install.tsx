// How to embed: the snippet with this workspace's write key, and the latest events received, to
// watch tracking arrive while setting up.
import { formatAgo, formatDateTime } from '../../format.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';

export function Install() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.install(), [api]);
  return (
    <Panel title="Install" id="install">
      <Loaded resource={resource} retry={retry}>
        {(install) => (
          <>
            <p class="muted">
              Paste this into the &lt;head&gt; of every page of your product, then call <code>uptake.identify()</code> and <code>uptake.group()</code> once you know who is signed in.
            </p>
            <pre class="snippet">{install.snippet}</pre>
            <p class="muted small">
              Write key (public, safe in web pages): <code>{install.writeKey}</code>
            </p>
          </>
        )}
      </Loaded>
    </Panel>
  );
}

export function RecentEvents() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.events(15), [api]);
  return (
    <Panel
      title="Latest events"
      id="events"
      actions={
        <button type="button" class="link" onClick={retry}>
          Refresh
        </button>
      }
    >
      <Loaded resource={resource} retry={retry} isEmpty={(events) => events.length === 0} empty="Nothing received yet. Once the snippet is on a page, events show here within seconds.">
        {(events) => (
          <div class="table-wrap">
            <table>
              <tbody>
                {events.map((e) => (
                  <tr key={e.messageId}>
                    <td>{e.type}</td>
                    <td>{e.name ?? ''}</td>
                    <td class="muted">{e.userId ?? e.anonymousId}</td>
                    <td class="muted">
                      <time dateTime={e.timestamp} title={formatDateTime(e.timestamp)}>
                        {formatAgo(e.timestamp)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </Panel>
  );
}
