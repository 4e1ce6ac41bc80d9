// Decide at scale: 200 live campaigns of every kind, 1,000,000 users in 10,000 accounts in one
// SQLite file, served by `uptake serve` in its own process, against a bare Hono GET returning a
// similar JSON in the same run. Budget: ≥ 50% of the bare requests/s, and p99 ≤ 10 ms at half
// the load decide sustained.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { campaignInput } from '../../server/protocol/campaign.ts';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';
import { freePort } from '../harness.ts';
import { load, type LoadResult } from './http-load.ts';
import { rounds } from './rounds.ts';

const root = resolve(import.meta.dirname, '../..');
export const SCALE = { users: 1_000_000, accounts: 10_000, campaigns: 200 } as const;
const { users: USERS, accounts: ACCOUNTS, campaigns: CAMPAIGNS } = SCALE;

const FEATURES = ['appointments', 'patients', 'reminders', 'messages', 'payments'];
const PAGES = ['/app/home', '/app/patients', '/app/reports/monthly', '/app/settings/billing'];
const KINDS = ['tooltip', 'tooltip', 'tooltip', 'tooltip', 'modal', 'hotspot', 'slideout', 'survey', 'banner', 'checklist', 'launcher', 'tour'] as const;

/** mulberry32, so every run seeds the same data. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const userId = (i: number) => `u${String(i).padStart(7, '0')}`;
const accountId = (i: number) => `a${String(i).padStart(5, '0')}`;

/** A believable mix: audiences on features, traits and pages; caps, holdouts and schedules on some. */
function campaigns(random: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const feature = () => pick(FEATURES);
  const audiences = [
    () => ({ type: 'feature', scope: 'account', feature: feature(), op: 'not_used' }),
    () => ({ all: [{ type: 'feature', scope: 'user', feature: feature(), op: 'count_gte', value: 2 }, { type: 'trait', scope: 'account', key: 'plan', op: 'in', value: ['growth', 'pro'] }] }),
    () => ({ any: [{ type: 'trait', scope: 'user', key: 'role', op: 'eq', value: 'Dentist' }, { not: { type: 'feature', scope: 'user', feature: feature(), op: 'used' } }] }),
    () => ({ all: [{ type: 'trait', scope: 'account', key: 'seats', op: 'gte', value: 10 }, { type: 'device', in: ['desktop', 'tablet'] }] }),
    () => ({ type: 'feature', scope: 'account', feature: feature(), op: 'days_since_gte', value: 7 }),
    () => ({ all: [] }),
  ];
  return Array.from({ length: CAMPAIGNS }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const content = { title: `Campaign ${i}`, body: [{ p: [{ text: 'Clinics that use this renew ' }, { text: 'more often', bold: true }] }], buttons: [{ id: 'go', label: 'Show me', action: { type: 'url', url: '/app/help' } }] };
    return campaignInput.parse({
      name: `Campaign ${i}`,
      kind,
      status: 'live',
      priority: Math.floor(random() * 1000),
      audience: pick(audiences)(),
      pages: random() < 0.6 ? { include: [pick(['/app/*', '/app/reports/*', '/app/patients', '/app/settings/*'])], exclude: random() < 0.3 ? ['/app/settings/*'] : [] } : { include: [], exclude: [] },
      holdoutPercent: random() < 0.2 ? 10 : 0,
      frequency: random() < 0.5 ? { maxShows: 3, minIntervalHours: 24 } : { maxShows: null },
      accountCaps: random() < 0.2 ? { maxUsers: 5, coolOffHours: 0 } : { maxUsers: null, coolOffHours: 0 },
      anchor: kind === 'tooltip' || kind === 'hotspot' ? { selector: `[data-feature="${feature()}"]` } : undefined,
      content,
      locales: random() < 0.3 ? { fr: { ...content, title: `Campagne ${i}` }, pt: { ...content, title: `Campanha ${i}` } } : undefined,
      steps: kind === 'tour' ? [1, 2, 3].map((n) => ({ id: `s${n}`, content: { title: `Step ${n}` } })) : undefined,
      items: kind === 'checklist' ? FEATURES.map((f) => ({ id: f, label: `Use ${f}`, feature: f })) : undefined,
      entries: kind === 'launcher' ? [{ id: 'help', label: 'Help', action: { type: 'url', url: '/app/help' } }] : undefined,
      question: kind === 'survey' ? { type: 'nps' } : undefined,
    });
  });
}

/** Rows straight into the tables, one prepared statement per table, in one transaction. */
function seedPeople(file: string, ws: string, random: () => number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const at = '2026-11-01T09:00:00.000Z';
  const plans = ['starter', 'growth', 'pro'];
  const roles = ['Practice manager', 'Receptionist', 'Dentist', 'Therapist', 'Assistant'];
  const account = db.prepare('INSERT INTO accounts (workspace_id, account_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
  const user = db.prepare('INSERT INTO users (workspace_id, user_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
  const member = db.prepare('INSERT INTO account_users (workspace_id, account_id, user_id, last_seen) VALUES (?, ?, ?, ?)');
  const usage = db.prepare(`INSERT INTO feature_usage (workspace_id, subject_kind, subject_id, feature_key, count, first_seen, last_seen, active_days)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const lastSeen = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  db.transaction(() => {
    for (let a = 0; a < ACCOUNTS; a++) {
      account.run(ws, accountId(a), JSON.stringify({ plan: plans[a % 3], seats: 1 + (a % 40), industry: 'dental' }), at, at);
      for (const f of FEATURES) if (random() < 0.6) usage.run(ws, 'account', accountId(a), f, 1 + Math.floor(random() * 500), at, lastSeen(random() * 20), 5);
    }
    for (let u = 0; u < USERS; u++) {
      user.run(ws, userId(u), JSON.stringify({ role: roles[u % roles.length], name: `User ${u}` }), at, at);
      for (const f of FEATURES) if (random() < 0.3) usage.run(ws, 'user', userId(u), f, 1 + Math.floor(random() * 20), at, lastSeen(random() * 20), 2);
    }
    // Memberships after users, in the index's key order, so the inserts append.
    for (let a = 0; a < ACCOUNTS; a++) for (let u = a; u < USERS; u += ACCOUNTS) member.run(ws, accountId(a), userId(u), at);
  })();
  db.pragma('optimize');
  db.close();
}

function start(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/ready|running/.test(chunk.toString())) resolveStart(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

export interface ScaleResult {
  seedSeconds: number;
  /** The first full analytics evaluation of every user and account. */
  analyticsSeconds: number;
  bare: LoadResult;
  decide: LoadResult;
  halfLoad: LoadResult;
  messagesPerDecide: number;
}

/** Creates the workspace, its features and campaigns through the store, then the people directly. */
export async function seedScale(file: string): Promise<{ writeKey: string; seedSeconds: number; analyticsSeconds: number }> {
  const random = seeded(2026);
  const started = performance.now();
  const store = openSqliteStore(file);
  const workspace = await store.createWorkspace('Decide at scale');
  for (const key of FEATURES) await store.saveFeature(workspace.id, { key, name: key, description: '', isKey: true, rule: { type: 'event', event: key } });
  for (const campaign of campaigns(random)) await store.createCampaign(workspace.id, campaign);
  await store.close();
  seedPeople(file, workspace.id, random);
  const seedSeconds = (performance.now() - started) / 1000;
  // Place everyone on the journey once, as a long-running server would have: the bench measures
  // decide in steady state, not the first evaluation of a million users.
  const placed = performance.now();
  const analytics = openSqliteStore(file);
  await refreshAnalytics(analytics, { full: true });
  await analytics.close();
  return { writeKey: workspace.writeKey, seedSeconds, analyticsSeconds: (performance.now() - placed) / 1000 };
}

export async function benchDecideAtScale({ seconds, connections }: { seconds: number; connections: number }): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'uptake-bench-scale-'));
  const file = join(dir, 'scale.db');
  const children: ChildProcess[] = [];
  try {
    // Seeded in a process of its own: a million rows and their evaluation leave a heap that would
    // slow down the load generator in this one.
    const { writeKey, seedSeconds, analyticsSeconds } = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/decide-scale.ts', 'seed', file], { cwd: root, maxBuffer: 1 << 20 }).toString(),
    ) as Awaited<ReturnType<typeof seedScale>>;

    const [appPort, barePort] = [await freePort(), await freePort()];
    children.push(await start(['bin/uptake.js', 'serve'], { DATABASE_URL: file, PORT: String(appPort) }));
    children.push(await start(['--import', 'tsx', 'test/bench/bare-server.ts'], { PORT: String(barePort) }));
    // Each connection is one stream of page views by users picked at random among the million.
    const streams = Array.from({ length: connections }, (_, c) => seeded(7 + c));
    const decideRequest = (c: number) => {
      const next = streams[c]!;
      const body = JSON.stringify({
        writeKey,
        userId: userId(Math.floor(next() * USERS)),
        url: `https://app.example${PAGES[Math.floor(next() * PAGES.length)]}`,
        device: 'desktop',
        locale: next() < 0.2 ? 'fr-FR' : 'en-US',
      });
      return { method: 'POST' as const, path: '/v1/decide', body };
    };
    const sample = await (await fetch(`http://127.0.0.1:${appPort}/v1/decide`, { method: 'POST', body: decideRequest(0).body })).json();
    const run = { connections, seconds };
    await load({ ...run, seconds: Math.max(1, seconds / 3), port: appPort, request: decideRequest }); // warm the page cache
    const [bare, decide] = await rounds([
      () => load({ ...run, port: barePort, request: () => ({ method: 'GET', path: '/json' }) }),
      () => load({ ...run, port: appPort, request: decideRequest }),
    ]);
    const [halfLoad] = await rounds([() => load({ ...run, port: appPort, request: decideRequest, rate: decide.rps / 2 })], 'p99');
    return { seedSeconds, analyticsSeconds, bare, decide, halfLoad, messagesPerDecide: (sample as { messages: unknown[] }).messages.length };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx test/bench/decide-scale.ts seed FILE`: seeds FILE and prints what the bench needs as JSON.
if (process.argv[2] === 'seed' && import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.log(JSON.stringify(await seedScale(process.argv[3]!)));
}
