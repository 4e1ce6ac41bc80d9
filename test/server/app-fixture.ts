// An app over a real SQLite file with one workspace, called through app.request() (no socket).
import { refresherFor } from '../../server/analytics/refresher.ts';
import { createApp } from '../../server/app.ts';
import type { FeatureInput } from '../../server/protocol/feature.ts';
import type { Workspace } from '../../server/store/store.ts';
import { tempSqliteStore } from '../harness.ts';

export const REMINDERS: FeatureInput = { key: 'reminders', name: 'Reminders', description: '', isKey: true, rule: { type: 'event', event: 'Reminder Scheduled' } };

let counter = 0;

export async function appFixture() {
  const { store, cleanup } = tempSqliteStore();
  const app = createApp({ store, publicUrl: 'http://localhost:8787' });
  const workspace: Workspace = await store.createWorkspace(`Test ${++counter}`);
  await store.saveFeature(workspace.id, REMINDERS);

  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const admin = (method: string, path: string, body?: unknown) => request(method, path, body, { authorization: `Bearer ${workspace.secretKey}` });
  const batch = (events: unknown[], headers: Record<string, string> = {}) =>
    request('POST', '/v1/batch', { writeKey: workspace.writeKey, batch: events }, headers);
  const decide = (body: Record<string, unknown>) => request('POST', '/v1/decide', { writeKey: workspace.writeKey, url: 'https://app.example/demo/appointments', ...body });

  return { app, store, workspace, request, admin, batch, decide, close: async () => (await refresherFor(store).stop(), await store.close(), cleanup()) };
}

let seq = 0;
const at = '2026-11-20T10:00:00.000Z';

export function trackEvent(fields: Record<string, unknown> = {}) {
  return { type: 'track', messageId: `m-${++seq}-${Math.random()}`, timestamp: at, userId: 'u1', groupId: 'acct-1', event: 'Clicked', properties: {}, ...fields };
}

export function identifyEvent(fields: Record<string, unknown> = {}) {
  return { type: 'identify', messageId: `m-${++seq}-${Math.random()}`, timestamp: at, userId: 'u1', traits: {}, ...fields };
}

export function groupEvent(fields: Record<string, unknown> = {}) {
  return { type: 'group', messageId: `m-${++seq}-${Math.random()}`, timestamp: at, userId: 'u1', groupId: 'acct-1', traits: {}, ...fields };
}
