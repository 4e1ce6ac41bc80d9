// How to embed: the snippet with this workspace's write key.
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
