// The workspace's keys: the write key (public, in web pages) and the secret key (admin API).
// Rotating one stops the old one at once. Shown only where the server offers it to this user.
import { useState } from 'preact/hooks';
import { ApiFailure, type WorkspaceKeys } from '../../api.ts';
import { client, session, signIn } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { ErrorNote, Loading } from '../status.tsx';

/** Why keys are not shown: a short note instead of an error for answers that are expected. */
export function unavailableNote(error: Error, what: string): string | null {
  if (!(error instanceof ApiFailure)) return null;
  if (error.status === 403) return `Only admins see ${what}.`;
  if (error.status === 404) return `This server does not manage ${what} yet.`;
  return null;
}

function KeyRow({ label, kind, value, onRotated }: { label: string; kind: 'write' | 'secret'; value: string; onRotated: (keys: WorkspaceKeys) => void }) {
  const [shown, setShown] = useState(kind === 'write');
  const [problem, setProblem] = useState<Error | null>(null);
  const rotate = async () => {
    const warning = kind === 'write' ? 'Pages with the old write key stop sending events until the snippet is updated.' : 'Integrations using the old secret key stop working.';
    if (!confirm(`Rotate the ${kind} key? ${warning}`)) return;
    try {
      onRotated(await client.value!.rotateKey(kind));
      announce(`The ${kind} key was rotated`);
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <div class="key-row">
      <span class="filter-label">{label}</span>
      <code class="key">{shown ? value : `${value.slice(0, 3)}${'•'.repeat(12)}${value.slice(-4)}`}</code>
      <div class="actions">
        {kind === 'secret' && (
          <button type="button" class="secondary small" onClick={() => setShown(!shown)} aria-pressed={shown}>
            {shown ? 'Hide' : 'Show'}
          </button>
        )}
        <button type="button" class="danger small" onClick={rotate}>
          Rotate
        </button>
      </div>
      {problem && <ErrorNote error={problem} />}
    </div>
  );
}

export function Keys() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.keys(), [api]);
  const [rotated, setRotated] = useState<WorkspaceKeys | null>(null);
  const onRotated = async (keys: WorkspaceKeys) => {
    setRotated(keys);
    // Signed in with the secret key itself: carry on with the new one.
    if (session.value?.user.id === 'secret-key') await signIn(keys.secretKey);
  };
  if (resource.status === 'error' && unavailableNote(resource.error, 'keys')) {
    return (
      <Panel title="Keys" id="keys">
        <p class="muted">{unavailableNote(resource.error, 'keys')}</p>
      </Panel>
    );
  }
  const keys = rotated ?? (resource.status === 'ready' ? resource.data : null);
  return (
    <Panel title="Keys" id="keys">
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorNote error={resource.error} retry={retry} />}
      {keys && (
        <>
          <KeyRow label="Write key" kind="write" value={keys.writeKey} onRotated={onRotated} />
          <KeyRow label="Secret key" kind="secret" value={keys.secretKey} onRotated={onRotated} />
        </>
      )}
    </Panel>
  );
}
