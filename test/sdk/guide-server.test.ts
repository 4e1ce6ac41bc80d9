// @vitest-environment happy-dom
// The guide runtime and the real widgets against the real server, started as `uptake serve`
// on a fresh SQLite file: the SDK's requests and events are the ones the server understands.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Tracker } from '../../sdk/core/tracker.ts';
import { Guide } from '../../sdk/guide/guide.ts';
import { createUptake } from '../../sdk/uptake.ts';
import { realWidgets, widget } from './guide-fixture.ts';

const bin = resolve(import.meta.dirname, '../../bin/uptake.js');
let dir: string;
let server: ChildProcess;
let HOST: string;
let keys: { writeKey: string; secretKey: string };

/** HTTP with Node itself (happy-dom's fetch would apply the page's CORS rules to the admin API). */
function http(url: string, init: RequestInit = {}): Promise<Response> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string> }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(new Response(Buffer.concat(chunks).toString('utf8'), { status: res.statusCode ?? 0 })));
    });
    req.on('error', fail);
    req.end(init.body as string | undefined);
  });
}

/** A port nobody listens on (this file may not import the server-side test harness). */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const admin = (method: string, path: string, body?: unknown) =>
  http(`${HOST}${path}`, { method, headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uptake-sdk-'));
  const env = { ...process.env, DATABASE_URL: join(dir, 'uptake.db') };
  keys = JSON.parse(execFileSync(process.execPath, [bin, 'workspace', 'create', '--name', 'SDK'], { env, encoding: 'utf8' }).trim().split('\n').at(-1)!);
  const port = await freePort();
  HOST = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
  await vi.waitFor(async () => expect((await http(`${HOST}/healthz`)).status).toBe(200), { timeout: 50_000, interval: 200 });
});
afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  localStorage.clear();
  history.replaceState({}, '', '/appointments');
  document.body.innerHTML = '<a id="nav">Calendar</a>';
  vi.stubGlobal('fetch', http);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  // Campaigns of one test must not show in the next.
  const { campaigns } = (await (await admin('GET', '/api/v1/campaigns?status=live')).json()) as { campaigns: { id: string }[] };
  for (const { id } of campaigns) await admin('POST', `/api/v1/campaigns/${id}/pause`);
});

async function live(campaign: Record<string, unknown>): Promise<string> {
  const response = await admin('POST', '/api/v1/campaigns', { status: 'live', content: { title: '' }, ...campaign });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function pageLoad() {
  const tracker = new Tracker({ writeKey: keys.writeKey, host: HOST });
  tracker.identify('u1');
  const navigate = vi.fn((url: string) => history.pushState({}, '', url));
  return { tracker, navigate, guide: new Guide({ tracker, loadWidgets: realWidgets, emit: () => {}, navigate }) };
}

const pressLabel = (root: ShadowRoot, label: string) => [...root.querySelectorAll<HTMLElement>('[part="button"]')].find((b) => b.textContent === label)!.click();

describe('against the real server', () => {
  it('runs a tour across two pages and resumes it after a reload from the server alone', async () => {
    await live({
      name: 'Tour',
      kind: 'tour',
      frequency: { stopAfter: ['dismissed', 'completed'] },
      steps: [
        { id: 'calendar', anchor: { selector: '#nav', placement: 'right' }, url: '/reports', content: { title: 'Your calendar' } },
        { id: 'reports', page: '/reports', content: { title: 'Monthly reports' } },
      ],
    });
    const first = pageLoad();
    await first.guide.refresh();
    pressLabel(await widget('uptake-tour'), 'Next');
    expect(first.navigate).toHaveBeenCalledWith('/reports', undefined);
    await first.tracker.queue.flush();

    // A reload on the reports page, with nothing remembered in the browser: the server resumes.
    localStorage.clear();
    const second = pageLoad();
    await second.guide.refresh();
    const root = await widget('uptake-tour');
    expect(root.querySelector('[part="step"]')!.textContent).toBe('Step 2 of 2');
    pressLabel(root, 'Done');
    await second.tracker.queue.flush();

    const third = pageLoad();
    await third.guide.refresh();
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('uptake-tour')).toBeNull();
  });

  it('stores a survey answer', async () => {
    const id = await live({ name: 'NPS', kind: 'survey', content: { title: 'How likely are you to recommend us?' }, question: { type: 'nps' } });
    const { guide, tracker } = pageLoad();
    await guide.refresh();
    const root = await widget('uptake-survey');
    root.querySelectorAll<HTMLElement>('[part="choice"]')[9]!.click();
    await document.querySelector('uptake-survey')!.updateComplete;
    root.querySelector('textarea')!.value = 'More SMS templates';
    root.querySelector<HTMLElement>('[part="submit"]')!.click();
    await tracker.queue.flush();
    const answers = await (await admin('GET', `/api/v1/campaigns/${id}/answers`)).json();
    expect(answers).toMatchObject({ total: 1, answers: [expect.objectContaining({ score: 9, comment: 'More SMS templates' })] });
  });

  it('ticks a checklist item once the user uses the feature', async () => {
    expect((await admin('PUT', '/api/v1/features/reminders', { key: 'reminders', name: 'Reminders', rule: { type: 'event', event: 'Reminder Scheduled' } })).status).toBeLessThan(300);
    await live({
      name: 'Get set up',
      kind: 'checklist',
      content: { title: 'Get set up' },
      frequency: { stopAfter: ['dismissed', 'completed'] },
      items: [
        { id: 'reminders', label: 'Schedule a reminder', feature: 'reminders' },
        { id: 'invite', label: 'Invite your team' },
      ],
    });
    const uptake = createUptake({ loadWidgets: realWidgets });
    uptake.init({ writeKey: keys.writeKey, host: HOST, trackPages: false });
    uptake.identify('u1');
    const root = await widget('uptake-checklist');
    expect(root.querySelector('.count')!.textContent).toBe('0/2');
    uptake.track('Reminder Scheduled');
    await vi.waitFor(() => expect(root.querySelector('.count')!.textContent).toBe('1/2'), { timeout: 4000 });
  });

  it('starts a tour from the launcher', async () => {
    const tourId = await live({ name: 'On demand', kind: 'tour', audience: { all: [] }, pages: { include: ['/nowhere'], exclude: [] }, steps: [{ id: 'one', content: { title: 'Welcome' } }] });
    await live({ name: 'Help', kind: 'launcher', entries: [{ id: 'tour', label: 'Take the tour', action: { type: 'tour', campaignId: tourId } }] });
    const { guide } = pageLoad();
    await guide.refresh();
    const launcher = await widget('uptake-launcher');
    launcher.querySelector<HTMLElement>('[part="launcher"]')!.click();
    await vi.waitFor(() => expect(launcher.querySelector('[part="entry"]')).not.toBeNull());
    launcher.querySelector<HTMLElement>('[part="entry"]')!.click();
    const root = await widget('uptake-tour');
    expect(root.querySelector('h2')!.textContent).toBe('Welcome');
  });
});
