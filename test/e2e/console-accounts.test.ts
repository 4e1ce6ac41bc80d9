// The accounts screen in real Chromium over a real server with 10,000 accounts: the first page,
// the seat × tenure matrix and the scatter of all 10,000 render soon after their data arrives
// (200 ms on a quiet machine); the pointer names and opens a dot's account; filters and a
// matrix cell go into the URL; a touch logged from the table shows on the account.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refresherFor } from '../../server/analytics/refresher.ts';
import { createApp } from '../../server/app.ts';
import { createLogin } from '../../server/console-auth/create-login.ts';
import { listen, type RunningServer } from '../../server/index.ts';
import type { Statement } from '../../server/store/sql.ts';
import type { Store, Workspace } from '../../server/store/store.ts';
import { launchChromium } from '../chromium.ts';
import { freePort, tempSqliteStore } from '../harness.ts';

const ACCOUNTS = 10_000;
const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: RunningServer;
let store: Store;
let cleanup: () => void;
let url: string;
let workspace: Workspace;

const KEY_FEATURES = ['appointments', 'patients', 'payments', 'reminders'];

/**
 * 10,000 clinics of 1–30 seats with 1–3 users each, using 0–4 key features on a few days, a
 * quarter of them touched by CS: the rows and counters ingest and the touch log would have
 * written. Then one full evaluation, the same as `uptake recompute`.
 */
async function seedAccounts(): Promise<void> {
  const now = Date.now();
  const day = (ago: number) => new Date(now - ago * 86_400_000).toISOString();
  const ws = workspace.id;
  for (const key of KEY_FEATURES) await store.saveFeature(ws, { key, name: key, description: '', isKey: true, rule: { type: 'event', event: key } });
  const statements: Statement[] = [];
  const featureDays = new Map<string, number>();
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = `acct-${a}`;
    const traits = { name: `Clinic ${a}`, seats: 1 + (a % 30), contractStart: day((a * 37) % 900).slice(0, 10) };
    statements.push(['INSERT INTO accounts (workspace_id, account_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)', [ws, account, JSON.stringify(traits), day(90), day(a % 40)]]);
    if (a % 4 === 0) statements.push(['INSERT INTO touches (workspace_id, id, account_id, channel, note, at, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [ws, `t-${a}`, account, 'call', '', day(a % 60), 'seed', day(a % 60)]]);
    for (let u = 0; u < 1 + (a % 3); u++) {
      const user = `u-${a}-${u}`;
      statements.push(['INSERT INTO users (workspace_id, user_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)', [ws, user, '{}', day(90), day((a + u * 11) % 45)]]);
      statements.push(['INSERT INTO account_users (workspace_id, account_id, user_id, last_seen) VALUES (?, ?, ?, ?)', [ws, account, user, day((a + u * 11) % 45)]]);
      for (const feature of KEY_FEATURES.slice(0, (a + u) % 5)) {
        for (const ago of [(a + u) % 20, ((a + u) % 20) + 3]) {
          const d = day(ago).slice(0, 10);
          for (const subject of [`user/${user}`, `account/${account}`]) featureDays.set(`${subject}/${feature}/${d}`, (featureDays.get(`${subject}/${feature}/${d}`) ?? 0) + 1);
        }
      }
    }
  }
  for (const [key, count] of featureDays) {
    const [kind, subject, feature, d] = key.split('/');
    statements.push(['INSERT INTO feature_days (workspace_id, subject_kind, subject_id, feature_key, day, count) VALUES (?, ?, ?, ?, ?, ?)', [ws, kind, subject, feature, d, count]]);
  }
  statements.push([
    `INSERT INTO feature_usage (workspace_id, subject_kind, subject_id, feature_key, count, first_seen, last_seen, active_days)
     SELECT workspace_id, subject_kind, subject_id, feature_key, sum(count), min(day), max(day), count(*) FROM feature_days WHERE workspace_id = ? GROUP BY workspace_id, subject_kind, subject_id, feature_key`,
    [ws],
  ]);
  await store.sql.batch(statements);
  await refresherFor(store).recompute({ workspaceId: ws });
  await refresherFor(store).fresh();
}

beforeAll(async () => {
  ({ store, cleanup } = tempSqliteStore());
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  workspace = await store.createWorkspace('Ten Thousand Clinics');
  await Promise.all([
    createLogin(store.sql, workspace.id, { email: 'eve@example.com', role: 'editor' }, PASSWORD),
    createLogin(store.sql, workspace.id, { email: 'vic@example.com', role: 'viewer' }, PASSWORD),
  ]);
  await seedAccounts();
  [server, browser] = await Promise.all([listen(createApp({ store, publicUrl: url }), store, { port, host: '127.0.0.1' }), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  cleanup?.();
});

async function signIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/**
 * Milliseconds from the arrival of the table's answer to its first page on screen, and from the
 * arrival of the last of the screen's four answers (page, rates, matrix, overview) to all of the
 * table, the scatter's dots and the matrix in the page, and to that frame painted. Parsing the
 * JSON counts as rendering.
 */
async function renderTimeAfterData(page: Page): Promise<{ table: number; all: number; painted: number; rows: number; dots: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const started = performance.now();
        let rowsShown = 0;
        const answers = () => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime >= started && /\/api\/v1\/(accounts\?|account-rates|tier-matrix|overview)/.test(e.name));
        const check = () => {
          const rows = document.querySelectorAll('table.accounts tbody tr').length;
          if (rows && !rowsShown) rowsShown = performance.now();
          const dots = Number(document.querySelector('.scatter svg')?.getAttribute('data-plotted') ?? 0);
          if (!rows || !dots || !document.querySelector('.cell-button')) return false;
          const shown = performance.now();
          const pageAnswer = answers().find((e) => /limit=50\b/.test(e.name))!;
          const lastAnswer = Math.max(...answers().map((e) => e.responseEnd));
          // A task queued from the next frame's callback runs once that frame (10,000 dots) is painted.
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ table: rowsShown - pageAnswer.responseEnd, all: shown - lastAnswer, painted: performance.now() - lastAnswer, rows, dots })),
          );
          return true;
        };
        const observer = new MutationObserver(() => check() && observer.disconnect());
        observer.observe(document.body, { childList: true, subtree: true });
        location.hash = '#/accounts';
      }),
  );
}

describe('the accounts screen with 10,000 accounts', () => {
  it('renders the first page, the matrix and the scatter soon after the data arrives', async () => {
    const page = await signIn('eve@example.com');
    const timing = await renderTimeAfterData(page);
    console.log(`accounts screen, 10,000 accounts: table ${timing.table.toFixed(1)} ms, everything ${timing.all.toFixed(1)} ms, painted ${timing.painted.toFixed(1)} ms after the data arrived`);
    expect(timing.rows).toBe(50);
    expect(timing.dots).toBe(ACCOUNTS);
    // The goal is 200 ms on a quiet machine (the figure above); under a full parallel test run
    // the same render takes up to ~300 ms, so the test guards against a slow-down in kind (a
    // render per dot, a layout per row), not against a busy machine.
    for (const ms of [timing.table, timing.all, timing.painted]) expect(ms).toBeLessThan(1000);
    expect(await page.getByRole('heading', { name: `${(10_000).toLocaleString('en-US')} accounts` }).count()).toBe(1);
  });

  it('names the account under the pointer and opens it on a click, among 10,000 dots', async () => {
    const page = await signIn('eve@example.com');
    await page.goto(`${url}/console/#/accounts`);
    await page.locator('.scatter svg[data-plotted]').waitFor();
    // The first red dot's centre on screen, from its chart coordinates.
    const spot = await page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>('.scatter svg')!;
      const [, x, y] = /M([\d.]+) ([\d.]+)h0/.exec(svg.querySelector('.contact-stale')!.getAttribute('d')!)!;
      const point = new DOMPoint(Number(x), Number(y)).matrixTransform(svg.getScreenCTM()!);
      return { x: point.x, y: point.y };
    });
    await page.mouse.move(spot.x, spot.y);
    const label = (await page.locator('.hover-label').textContent())!;
    expect(label).toMatch(/^Clinic \d+: deployment \d+%, utilization \d+%, contact (recent|stale)$/);
    await page.mouse.click(spot.x, spot.y);
    await page.waitForFunction(() => location.hash.startsWith('#/accounts/acct-'));
    const opened = await page.evaluate(() => decodeURIComponent(location.hash.slice('#/accounts/'.length)));
    expect(label.startsWith(`Clinic ${opened.slice('acct-'.length)}:`)).toBe(true);
  });

  it('puts filters and a clicked matrix cell into the URL, and the table follows', async () => {
    const page = await signIn('eve@example.com');
    await page.goto(`${url}/console/#/accounts`);
    await page.locator('table.accounts tbody tr').first().waitFor();
    const cell = page.getByRole('button', { name: /accounts in seat tier D, tenure tier a/ });
    const expected = Number((await cell.textContent())!.replace(/\D/g, ''));
    expect(await page.locator('.matrix-note').textContent()).toBe(`Counts of the ${ACCOUNTS.toLocaleString('en-US')} accounts shown.`);
    await cell.click();
    await page.waitForFunction(() => location.hash === '#/accounts?seatTier=D&tenureTier=a');
    await page.getByRole('heading', { name: `${expected.toLocaleString('en-US')} accounts` }).waitFor();
    // The other cells keep their counts (what clicking them would show); the note says which are listed.
    await page.locator('.matrix-note', { hasText: `the ${expected.toLocaleString('en-US')} accounts in the highlighted cells are shown` }).waitFor();
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#/accounts');
    await page.getByRole('button', { name: 'red', exact: true }).click();
    await page.getByRole('button', { name: 'stale', exact: true }).click();
    await page.waitForFunction(() => location.hash === '#/accounts?health=red&contact=stale');
    // The table follows once the filtered page has arrived: only red, untouched accounts.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table.accounts tbody tr')];
      return rows.length > 0 && !document.querySelector('.refreshing') && rows.every((r) => r.querySelector('.dot')?.getAttribute('aria-label') === 'red' && r.querySelector('.contact-stale'));
    });
  });

  it('exports the filtered accounts as CSV', async () => {
    const page = await signIn('eve@example.com');
    await page.goto(`${url}/console/#/accounts?seatTier=D&tenureTier=a`);
    await page.locator('table.accounts tbody tr').first().waitFor();
    const heading = await page.locator('#account-list-title').textContent();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('accounts.csv');
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^account_id,name,/);
    expect(lines.length - 1).toBe(Number(heading!.replace(/\D/g, '')));
  });

  it('logs a touch from the table; the account then shows it and counts as recently contacted', async () => {
    const page = await signIn('eve@example.com');
    await page.goto(`${url}/console/#/accounts?q=Clinic%207777`);
    await page.getByRole('button', { name: 'Log a touch with Clinic 7777' }).click();
    await page.getByLabel('Note').fill('Walked them through reminders');
    await page.getByRole('button', { name: 'Log touch', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Touch logged for Clinic 7777' }).waitFor();
    await page.getByRole('link', { name: 'Clinic 7777' }).click();
    await page.getByText('Walked them through reminders').waitFor();
    expect(await page.locator('.metric', { hasText: 'Last touch' }).textContent()).toMatch(/now|ago|today/);
  });

  it('viewers read the same screen without any control that changes something', async () => {
    const page = await signIn('vic@example.com');
    await page.goto(`${url}/console/#/accounts`);
    await page.locator('table.accounts tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: /Log a touch/ }).count()).toBe(0);
    await page.goto(`${url}/console/#/health`);
    await page.getByLabel('Green at or above').waitFor();
    expect(await page.getByLabel('Green at or above').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /Save|Preview/ }).count()).toBe(0);
  });
});
