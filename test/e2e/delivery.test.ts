// Delivery guarantees in real Chromium: events made offline, across reloads, across tabs and
// while navigating away are all stored, each exactly once, with no CORS preflight.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../chromium.ts';
import { type DemoServer, startDemoServer } from '../harness.ts';

let server: DemoServer;
let browser: Browser;
const preflights: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startDemoServer({ observe: (request) => request.method === 'OPTIONS' && preflights.push(new URL(request.url).pathname) }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Stored events whose name starts with `prefix`, as [name, count] pairs. */
async function stored(prefix: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const e of await server.store.recentEvents(server.workspace.id, 100_000)) {
    if (e.name?.startsWith(prefix)) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  }
  return counts;
}

async function openDemo(context: BrowserContext, path = '/demo/appointments'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => (window as unknown as { uptake?: { __sdk?: boolean } }).uptake?.__sdk === true);
  return page;
}

const track = (page: Page, names: string[]) =>
  page.evaluate((list) => list.forEach((name) => (window as unknown as { uptake: { track(n: string): void } }).uptake.track(name)), names);

describe('event delivery', () => {
  it('keeps events made while the server is unreachable through a reload, and stores each once', async () => {
    const context = await browser.newContext();
    const page = await openDemo(context);
    await context.route('**/v1/batch', (route) => route.abort('internetdisconnected'));
    const names = Array.from({ length: 12 }, (_, i) => `Offline reload ${i}`);
    await track(page, names);
    await page.waitForTimeout(2500); // the batch is attempted and fails
    expect((await stored('Offline reload')).size).toBe(0);
    await page.reload();
    await context.unroute('**/v1/batch');
    await expect.poll(async () => (await stored('Offline reload')).size, { timeout: 15_000 }).toBe(12);
    await page.waitForTimeout(1500);
    expect([...(await stored('Offline reload')).values()].every((n) => n === 1)).toBe(true);
    await context.close();
  });

  it('five tabs offline, two of them closed, then online: every event stored exactly once', async () => {
    const context = await browser.newContext();
    const tabs = await Promise.all(Array.from({ length: 5 }, () => openDemo(context)));
    await context.setOffline(true);
    const expected: string[] = [];
    for (const [t, tab] of tabs.entries()) {
      const names = Array.from({ length: 10 }, (_, i) => `Five tabs ${t}-${i}`);
      expected.push(...names);
      await track(tab, names);
    }
    await tabs[0]!.waitForTimeout(1000);
    await tabs[3]!.close();
    await tabs[4]!.close();
    await context.setOffline(false);
    await expect.poll(async () => (await stored('Five tabs')).size, { timeout: 30_000, interval: 500 }).toBe(expected.length);
    await tabs[0]!.waitForTimeout(2000);
    const counts = await stored('Five tabs');
    expect([...counts.keys()].sort()).toEqual([...expected].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await context.close();
  });

  it('delivers an event tracked right before navigating away, at least 99 times in 100, without a preflight', async () => {
    const context = await browser.newContext();
    const page = await openDemo(context);
    for (let i = 0; i < 100; i++) {
      await Promise.all([
        page.waitForURL(`**/demo/patients?n=${i}`),
        page.evaluate((n) => {
          (window as unknown as { uptake: { track(n: string): void } }).uptake.track(`Leave ${n}`);
          location.href = `/demo/patients?n=${n}`;
        }, i),
      ]);
    }
    await expect.poll(async () => (await stored('Leave ')).size, { timeout: 20_000 }).toBeGreaterThanOrEqual(99);
    expect([...(await stored('Leave ')).values()].every((n) => n === 1)).toBe(true);
    expect(preflights).toEqual([]);
    await context.close();
    // 100 full page loads, each deciding and drawing the demo's persistent messages: give a busy
    // machine time; what this test measures is delivery, not speed.
  }, 120_000);
});
