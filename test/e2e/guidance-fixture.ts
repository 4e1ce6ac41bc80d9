// Shared set-up of the guidance end-to-end tests: one demo server and one Chromium per file,
// the demo's own campaigns paused, campaigns created through the admin API for just the demo
// staff a test signs in as, and the page's errors, dialogs and stored events at hand.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type DemoUser, demoRoster } from '../../demo/roster.ts';
import type { StoredEvent } from '../../server/store/store.ts';
import { launchChromium } from '../chromium.ts';
import { type DemoServer, startDemoServer } from '../harness.ts';

export interface OpenedPage {
  page: Page;
  /** Uncaught page errors and console errors, as the page reported them. */
  errors: string[];
  /** alert/confirm/prompt dialogs the page tried to open. */
  dialogs: string[];
}

export interface Guidance {
  server: DemoServer;
  browser: Browser;
  /** The admin API with the demo workspace's secret key: status and parsed body. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Creates a live campaign; returns its id. */
  live(campaign: Record<string, unknown>): Promise<string>;
  /** A demo staff member no other test of this file has signed in as. */
  nextUser(filter?: (user: DemoUser) => boolean | Promise<boolean>): Promise<DemoUser>;
  /** Opens a demo page signed in as `user`, in a new context unless one is given. */
  open(user: DemoUser, path: string, options?: { context?: BrowserContext; beforeGoto?: (page: Page) => unknown }): Promise<OpenedPage>;
  /** Events stored for this user, oldest first. */
  eventsOf(userId: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** Only these demo staff are in the campaign's audience, so tests of one file never see each other's campaigns. */
export const onlyFor = (...users: DemoUser[]) => ({ type: 'trait', scope: 'user', key: 'email', op: 'in', value: users.map((u) => u.email) });

/** Resolves with the next decide answer for this user on this page (at this path, if given). */
export function decided(page: Page, userId: string, path?: string): Promise<{ messages: { campaignId: string; kind: string }[] }> {
  const asked = (body: string | null) => {
    const request = JSON.parse(body ?? '{}') as { userId?: string; url?: string };
    return request.userId === userId && (!path || new URL(request.url ?? '', 'http://x').pathname === path);
  };
  return page.waitForResponse((r) => r.url().endsWith('/v1/decide') && asked(r.request().postData()), { timeout: 15_000 }).then((r) => r.json());
}

/** The SDK's public object on the page, typed loosely. */
export const sdkReady = (page: Page) => page.waitForFunction(() => (window as unknown as { uptake?: { __sdk?: boolean } }).uptake?.__sdk === true);

export async function startGuidance(): Promise<Guidance> {
  const [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  const { users } = demoRoster(new Date());
  // Only staff (-u1, -u2) can be signed in as through the demo's ?as= switch.
  const staff = users.filter((u) => /-u[12]$/.test(u.id));
  const taken = new Set<string>();

  async function admin(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.workspace.secretKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  // The demo's own campaigns (the reminders nudge, its tour, checklist…) would compete with the tests' ones.
  const { body: seeded } = await admin('GET', '/api/v1/campaigns?status=live');
  for (const { id } of seeded.campaigns as { id: string }[]) expect((await admin('POST', `/api/v1/campaigns/${id}/pause`)).status).toBe(200);

  return {
    server,
    browser,
    admin,
    async live(campaign) {
      const { status, body } = await admin('POST', '/api/v1/campaigns', { status: 'live', ...campaign });
      if (status !== 201) throw new Error(`creating the campaign failed (${status}): ${JSON.stringify(body)}`);
      return body.id as string;
    },
    async nextUser(filter = () => true) {
      for (const user of staff) {
        if (taken.has(user.id) || !(await filter(user))) continue;
        taken.add(user.id);
        return user;
      }
      throw new Error('no demo staff member left for this test');
    },
    async open(user, path, options = {}) {
      const context = options.context ?? (await browser.newContext());
      const page = await context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      await options.beforeGoto?.(page);
      await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}as=${user.id}`);
      return { page, errors, dialogs };
    },
    async eventsOf(userId) {
      return (await server.store.recentEvents(server.workspace.id, 2000)).filter((e) => e.userId === userId).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    },
    async close() {
      await browser?.close();
      await server?.close();
    },
  };
}

/** How many stored events of this user have this name. */
export async function countOf(g: Guidance, userId: string, name: string): Promise<number> {
  return (await g.eventsOf(userId)).filter((e) => e.name === name).length;
}
