// How to embed: the snippet with this workspace's write key, and where it already runs.
import type { Install as InstallInfo } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { TimeAgo } from '../time-ago.tsx';

/** "app.example.com (812), localhost:4400 (188)" */
function Sources({ sources }: { sources: InstallInfo['tracking']['hosts'] }) {
  return (
    <>
      {sources.map((s, i) => (
        <span key={s.name}>
          {i > 0 && ', '}
          <code>{s.name}</code> <span class="muted">({formatNumber(s.events)})</span>
        </span>
      ))}
    </>
  );
}

function TrackingStatus({ tracking }: { tracking: InstallInfo['tracking'] }) {
  if (!tracking.lastReceivedAt) return <p class="muted">No event received yet: once the snippet is on a page, the first arrives within seconds (see Latest events below).</p>;
  return (
    <dl class="tracking-status">
      <dt>Last event received</dt>
      <dd>
        <TimeAgo at={tracking.lastReceivedAt} />
      </dd>
      <dt>From pages on</dt>
      <dd>
        <Sources sources={tracking.hosts} />
      </dd>
      <dt>Sent by</dt>
      <dd>
        <Sources sources={tracking.libraries} />
      </dd>
      <dd class="muted small">Counted over the latest {formatNumber(1000)} events.</dd>
    </dl>
  );
}

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
            <TrackingStatus tracking={install.tracking} />
          </>
        )}
      </Loaded>
    </Panel>
  );
}
