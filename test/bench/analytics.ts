// Analytics at scale: full recompute for 10,000 accounts / 200,000 users / 5,000,000 events, and
// the accounts list's first page at that size. Seeding writes the tables in bulk (the same rows
// ingest would write, counters built from the events by SQL); what is timed is the real code.
// Users work in sessions (4–12 active days in 90, a few events a day), which is what sets the
// number of per-day counters the recompute reads.
// Run: npx tsx test/bench/analytics.ts   (the seeded file is kept in data/ for reruns)
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { createApp } from '../../server/app.ts';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';

const ACCOUNTS = 10_000;
const USERS_PER_ACCOUNT = 20;
const EVENTS = 5_000_000;
const DAYS = 90;
const FEATURES = ['appointments', 'patients', 'reminders', 'payments', 'messages'];

const root = resolve(import.meta.dirname, '../..');
const file = join(root, 'data', 'bench-analytics.db');

function seed(): { writeKey: string; secretKey: string } {
  mkdirSync(join(root, 'data'), { recursive: true });
  const store = openSqliteStore(file);
  void store;
  const db = new Database(file);
  const started = performance.now();
  const ws = 'bench-ws';
  db.prepare("INSERT INTO workspaces (id, name, write_key, secret_key, created_at, settings) VALUES (?, 'Bench', 'wk_bench', 'sk_bench', ?, '{}')").run(ws, new Date().toISOString());
  const feature = db.prepare("INSERT INTO definitions (workspace_id, kind, key, version, body, author, created_at) VALUES (?, 'feature', ?, 1, ?, 'bench', ?)");
  FEATURES.forEach((key, i) => feature.run(ws, key, JSON.stringify({ key, name: key, description: '', isKey: i < 4, rule: { type: 'event', event: key } }), new Date().toISOString()));

  const now = Date.now();
  const at = (daysAgo: number, n: number) => new Date(now - daysAgo * 86_400_000 - (n % 36_000) * 1000).toISOString();
  const insertAccount = db.prepare("INSERT INTO accounts (workspace_id, account_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)");
  const insertUser = db.prepare('INSERT INTO users (workspace_id, user_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
  const insertMember = db.prepare('INSERT INTO account_users (workspace_id, account_id, user_id, last_seen) VALUES (?, ?, ?, ?)');
  const insertEvent = db.prepare(`INSERT INTO events (workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features)
    VALUES (?, ?, 'track', ?, NULL, ?, ?, '{}', '{}', '{}', ?, ?, ?)`);
  let n = 0;
  db.transaction(() => {
    for (let a = 0; a < ACCOUNTS; a++) {
      const account = `acct-${a}`;
      // Accounts differ: some busy, some fading, some idle for weeks.
      const idleFor = a % 10 === 0 ? 45 : a % 4 === 0 ? 12 : 0;
      const contract = new Date(now - ((a * 37) % 900) * 86_400_000).toISOString().slice(0, 10);
      insertAccount.run(ws, account, JSON.stringify({ name: `Clinic ${a}`, seats: 10 + (a % 30), contractStart: contract }), at(DAYS, 0), at(idleFor, 0));
      for (let u = 0; u < USERS_PER_ACCOUNT; u++) {
        const user = `user-${a}-${u}`;
        const userIdle = idleFor + (u % 7 === 0 ? 35 : 0);
        insertUser.run(ws, user, '{}', at(DAYS, 0), at(userIdle, 0));
        insertMember.run(ws, account, user, at(userIdle, 0));
        const events = EVENTS / ACCOUNTS / USERS_PER_ACCOUNT;
        // People work in sessions: 4–12 active days over the 90, a few events each day.
        const activeDays = 4 + ((u + a) % 9);
        for (let e = 0; e < events; e++) {
          n++;
          // Breadth grows with the user index: low-index users use fewer features.
          const f = FEATURES[(e * 7 + u) % Math.min(FEATURES.length, 1 + (u % 5))]!;
          const session = e % activeDays;
          const daysAgo = userIdle + ((session * 11 + u * 3 + a) % (DAYS - userIdle > 0 ? DAYS - userIdle : 1));
          const ts = at(daysAgo, n);
          insertEvent.run(ws, `e${n}`, user, account, f, ts, ts, f);
        }
      }
    }
  })();
  console.log(`seeded ${n.toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const counters = performance.now();
  db.exec(`
    INSERT INTO feature_days (workspace_id, subject_kind, subject_id, feature_key, day, count)
      SELECT workspace_id, 'user', user_id, features, substr(timestamp, 1, 10), count(*) FROM events GROUP BY user_id, features, substr(timestamp, 1, 10);
    INSERT INTO feature_days (workspace_id, subject_kind, subject_id, feature_key, day, count)
      SELECT workspace_id, 'account', account_id, features, substr(timestamp, 1, 10), count(*) FROM events GROUP BY account_id, features, substr(timestamp, 1, 10);
    INSERT INTO feature_usage (workspace_id, subject_kind, subject_id, feature_key, count, first_seen, last_seen, active_days)
      SELECT workspace_id, subject_kind, subject_id, feature_key, sum(count), min(day), max(day), count(*) FROM feature_days GROUP BY subject_kind, subject_id, feature_key;
    UPDATE analytics_state SET event_seq = (SELECT max(seq) FROM events);
    ANALYZE;
  `);
  console.log(`built counters in ${((performance.now() - counters) / 1000).toFixed(1)} s`);
  db.close();
  return { writeKey: 'wk_bench', secretKey: 'sk_bench' };
}

if (!existsSync(file)) seed();
// Opened as the server and `uptake recompute` open it: WAL checkpoints in a worker thread.
const store = openSqliteStore(file, { backgroundCheckpoints: true });
const counts = store.sql;
const [events, days] = await Promise.all([counts.get<{ n: number }>('SELECT count(*) AS n FROM events'), counts.get<{ n: number }>('SELECT count(*) AS n FROM feature_days')]);
console.log(`data: ${ACCOUNTS.toLocaleString('en')} accounts, ${(ACCOUNTS * USERS_PER_ACCOUNT).toLocaleString('en')} users, ${events!.n.toLocaleString('en')} events, ${days!.n.toLocaleString('en')} feature-day counters`);

const runs: number[] = [];
for (let i = 0; i < 2; i++) {
  const summary = await refreshAnalytics(store, { full: true });
  runs.push(summary.ms);
  console.log(`full recompute: ${summary.accounts.toLocaleString('en')} accounts, ${summary.users.toLocaleString('en')} users in ${(summary.ms / 1000).toFixed(2)} s (budget 10 s)`);
}

const app = createApp({ store, publicUrl: 'http://localhost' });
const times: number[] = [];
for (let i = 0; i < 60; i++) {
  const started = performance.now();
  const response = await app.request('/api/v1/accounts?sort=health&order=asc&limit=50', { headers: { authorization: 'Bearer sk_bench' } });
  await response.json();
  if (i >= 10) times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
console.log(`GET /api/v1/accounts first page (50 rows of 10,000): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms (budget 50 ms)`);
const filtered: number[] = [];
for (let i = 0; i < 30; i++) {
  const started = performance.now();
  await (await app.request('/api/v1/accounts?health=red&seatTier=A,B&sort=deployment&limit=50', { headers: { authorization: 'Bearer sk_bench' } })).json();
  filtered.push(performance.now() - started);
}
filtered.sort((a, b) => a - b);
console.log(`GET /api/v1/accounts filtered (red, tiers A/B, by deployment): p50 ${filtered[15]!.toFixed(1)} ms`);
await store.close();
