// Webhooks: alert, certification and survey-answer events POSTed, signed, to the customer's own
// systems; the delivery log shows what arrived and what failed, and "Send test" checks the set-up.
import { useState } from 'preact/hooks';
import type { WebhookEventType } from '../../../protocol/webhook.ts';
import { ApiFailure, asApiFailure, type Webhook, type WebhookInput } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { client } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { canEdit } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { ErrorNote, Loaded } from '../status.tsx';

// Spelled out rather than imported: the protocol module brings zod, which the console does not ship.
const EVENT_TYPES = ['alert.raised', 'alert.resolved', 'certification.awarded', 'survey.answered', 'user.erased', 'account.erased'] as const satisfies readonly WebhookEventType[];

function Deliveries({ webhook }: { webhook: Webhook }) {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.deliveries(webhook.id), [api, webhook.id]);
  return (
    <div class="deliveries">
      <div class="panel-head">
        <h4>Delivery log</h4>
        <button type="button" class="link" onClick={retry}>
          Refresh
        </button>
      </div>
      <Loaded resource={resource} retry={retry} isEmpty={(r) => r.total === 0} empty="Nothing sent yet.">
        {(r) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {r.deliveries.map((d) => (
                  <tr key={d.eventId}>
                    <td>{d.type}</td>
                    <td>
                      <span class={`pill delivery-${d.status}`}>{d.status}</span>
                    </td>
                    <td class="num">{d.attempts}</td>
                    <td>{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')}</td>
                    <td>{formatDateTime(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </div>
  );
}

function WebhookItem({ webhook, onChanged }: { webhook: Webhook; onChanged: () => void }) {
  const api = client.value!;
  const [open, setOpen] = useState(false);
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
  return (
    <li class="webhook">
      <div class="webhook-head">
        <div>
          <code>{webhook.url}</code> {!webhook.enabled && <span class="pill">paused</span>}
          <div class="muted small">
            {webhook.format === 'slack' ? 'Slack message · ' : ''}
            {webhook.events.join(', ')}
            {webhook.description && ` · ${webhook.description}`}
          </div>
        </div>
        <div class="actions">
          <button type="button" class="secondary small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide deliveries' : 'Deliveries'}
          </button>
          {canEdit.value && (
            <>
              <button type="button" class="secondary small" disabled={!webhook.enabled} onClick={() => act(() => api.testWebhook(webhook.id), 'Test event queued')}>
                Send test
              </button>
              <button type="button" class="secondary small" onClick={() => act(() => api.updateWebhook(webhook.id, { enabled: !webhook.enabled }), webhook.enabled ? 'Webhook paused' : 'Webhook resumed')}>
                {webhook.enabled ? 'Pause' : 'Resume'}
              </button>
              <button
                type="button"
                class="danger small"
                onClick={() => confirm(`Delete the webhook to ${webhook.url}?`) && act(() => api.deleteWebhook(webhook.id), 'Webhook deleted')}
              >
                Delete
              </button>
            </>
          )}
        </div>
      </div>
      {problem && <ErrorNote error={problem} />}
      {open && <Deliveries webhook={webhook} />}
    </li>
  );
}

function NewWebhook({ onCreated }: { onCreated: () => void }) {
  const api = client.value!;
  const blank: WebhookInput = { url: '', events: ['*'], description: '', format: 'json' };
  const [input, setInput] = useState<WebhookInput>(blank);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const all = input.events.includes('*');
  const toggle = (type: string, on: boolean) => {
    const chosen = (all ? [] : input.events).filter((e) => e !== type);
    setInput({ ...input, events: on ? [...chosen, type as WebhookInput['events'][number]] : chosen });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    try {
      const created = await api.createWebhook(input);
      setSecret(created.secret);
      setInput(blank);
      onCreated();
    } catch (error) {
      setFailure(asApiFailure(error));
    }
  };
  return (
    <form class="editor" onSubmit={submit} noValidate>
      <h3>Add a webhook</h3>
      {failure && (
        <p class="error-note" role="alert">
          {failure.message}
        </p>
      )}
      <div class="fields">
        <div class="field grow">
          <label for="webhook-url">URL</label>
          <input id="webhook-url" type="url" required value={input.url} placeholder="https://example.com/uptake-webhook" aria-invalid={failure?.field === 'url'} onInput={(e) => setInput({ ...input, url: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="webhook-format">Send</label>
          <select id="webhook-format" value={input.format} onChange={(e) => setInput({ ...input, format: (e.target as HTMLSelectElement).value as WebhookInput['format'] })}>
            <option value="json">Signed JSON (your service)</option>
            <option value="slack">Slack message (incoming webhook URL)</option>
          </select>
        </div>
        <div class="field grow">
          <label for="webhook-description">Description</label>
          <input id="webhook-description" type="text" value={input.description} onInput={(e) => setInput({ ...input, description: (e.target as HTMLInputElement).value })} />
        </div>
      </div>
      <fieldset class="feature-choice">
        <legend>Events</legend>
        <label class="inline">
          <input type="checkbox" checked={all} onChange={(e) => setInput({ ...input, events: (e.target as HTMLInputElement).checked ? ['*'] : [] })} /> all, including future ones
        </label>
        {!all &&
          EVENT_TYPES.map((t) => (
            <label key={t} class="inline">
              <input type="checkbox" checked={input.events.includes(t)} onChange={(e) => toggle(t, (e.target as HTMLInputElement).checked)} /> {t}
            </label>
          ))}
      </fieldset>
      <div class="actions">
        <button type="submit">Add webhook</button>
      </div>
      {secret && (
        <div class="secret" role="status">
          <p>
            <strong>Signing secret — shown this once.</strong> Verify each request's signature with it.
          </p>
          <pre>{secret}</pre>
        </div>
      )}
    </form>
  );
}

export function Webhooks() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.webhooks(), [api]);
  return (
    <Panel title="Webhooks" id="webhooks">
      <Loaded resource={resource} retry={retry} isEmpty={(list) => list.length === 0 && !canEdit.value} empty="No webhooks.">
        {(list) => (
          <>
            {list.length === 0 ? (
              <p class="empty">No webhooks yet: alerts, certifications and survey answers stay in the console.</p>
            ) : (
              <ul class="webhooks">
                {list.map((w) => (
                  <WebhookItem key={w.id} webhook={w} onChanged={retry} />
                ))}
              </ul>
            )}
            {canEdit.value && <NewWebhook onCreated={retry} />}
          </>
        )}
      </Loaded>
    </Panel>
  );
}
