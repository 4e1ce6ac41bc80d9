// Watching tracking arrive while setting up: the latest events (live, or one visitor's), what each
// counted as and whether its user was verified; and the events the server refused, with why.
import { useEffect, useState } from 'preact/hooks';
import type { IngestProblem, StoredEvent } from '../../api.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { TimeAgo } from '../time-ago.tsx';

const LIVE_EVERY_MS = 5000;

const VERIFIED: Record<string, { mark: string; label: string }> = {
  true: { mark: '✓', label: 'identity verified' },
  false: { mark: '✗', label: 'identity not verified' },
};

function EventRow({ event: e }: { event: StoredEvent }) {
  const verified = e.verified === null ? null : VERIFIED[String(e.verified)]!;
  return (
    <tr>
      <td>
        <span class="pill">{e.type}</span>{' '}
        {/* Properties as text, never as markup: they come from browsers. */}
        <details class="event-properties">
          <summary>{e.name ?? e.type}</summary>
          <pre>{JSON.stringify(e.properties, null, 2)}</pre>
        </details>
      </td>
      <td>
        {e.userId ?? <span class="muted">{e.anonymousId} (anonymous)</span>}
        {e.accountId && <div class="muted small">{e.accountId}</div>}
      </td>
      <td>{e.features.length ? e.features.map((f) => <span key={f} class="pill">{f}</span>) : <span class="muted">—</span>}</td>
      <td>{verified && <span title={verified.label} aria-label={verified.label}>{verified.mark}</span>}</td>
      <td class="muted">
        <TimeAgo at={e.timestamp} />
      </td>
    </tr>
  );
}

export function RecentEvents() {
  const api = client.value!;
  const [visitor, setVisitor] = useState('');
  const [typed, setTyped] = useState('');
  const [live, setLive] = useState(true);
  const [resource, retry] = useResource(() => api.events(20, visitor || undefined), [api, visitor]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => document.visibilityState === 'visible' && retry(), LIVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [live]);
  return (
    <Panel
      title="Latest events"
      id="events"
      actions={
        <>
          <label class="inline">
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} /> Live
          </label>
          <button type="button" class="link" onClick={retry}>
            Refresh
          </button>
        </>
      }
    >
      <form
        class="inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setVisitor(typed.trim());
        }}
      >
        <label>
          User or anonymous id
          <input type="search" value={typed} maxLength={200} placeholder="all visitors" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit">Show</button>
        {visitor && (
          <button type="button" class="link" onClick={() => (setTyped(''), setVisitor(''))}>
            Show everyone
          </button>
        )}
      </form>
      <Loaded
        resource={resource}
        retry={retry}
        isEmpty={(events) => events.length === 0}
        empty={visitor ? `No event of ${visitor} among the latest 10,000.` : 'Nothing received yet. Once the snippet is on a page, events show here within seconds.'}
      >
        {(events) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Who</th>
                  <th scope="col">Counted as</th>
                  <th scope="col">Verified</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <EventRow key={e.messageId} event={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </Panel>
  );
}

export function RefusedEvents() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.ingestProblems(20), [api]);
  return (
    <Panel
      title="Refused events"
      id="refused-events"
      actions={
        <button type="button" class="link" onClick={retry}>
          Refresh
        </button>
      }
    >
      <p class="muted small">
        Why an event may be missing: events the server refused, whole requests it refused (not JSON, not a batch, too large) that carried this workspace's write key, events it would refuse once identity verification is enforced, and browsers that dropped events.
        Up to one batch a second is kept, the latest 200.
      </p>
      <Loaded resource={resource} retry={retry} isEmpty={(problems) => problems.length === 0} empty="None: everything browsers sent was accepted.">
        {(problems) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Problem</th>
                  <th scope="col">Event</th>
                  <th scope="col">Who</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p: IngestProblem, i) => (
                  <tr key={`${p.at}-${i}`}>
                    <td>
                      <code>{p.code}</code>
                      <div class="small">{p.message}</div>
                    </td>
                    <td>{p.event ?? <span class="muted">—</span>}</td>
                    <td>{p.visitor ?? <span class="muted">—</span>}</td>
                    <td class="muted">
                      <TimeAgo at={p.at} />
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
