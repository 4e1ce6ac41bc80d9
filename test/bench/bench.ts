// `npm run bench`: throughput and latency of the server over real HTTP on loopback.
// The server runs in its own process (as in production); load comes from this one.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { uuid } from '../../sdk/core/uuid.ts';
import { freePort } from '../harness.ts';
import { benchPostgresIngest } from './postgres-ingest.ts';
import { benchDecideAtScale, SCALE } from './decide-scale.ts';
import { ROUND_COUNT, rounds } from './rounds.ts';

const root = resolve(import.meta.dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

function start(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/ready|running/.test(chunk.toString())) resolveStart(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

let seq = 0;
let visitor = 0;
// Like the SDK: one batch carries one browser's events, so one user and one account, with the
// SDK's own messageIds.
const track = (user: number) => ({
  type: 'track',
  messageId: uuid(),
  timestamp: new Date().toISOString(),
  userId: `user-${user % 5000}`,
  groupId: `acct-${user % 200}`,
  event: ++seq % 3 ? 'Appointment Booked' : 'Reminder Scheduled',
  properties: { source: 'bench' },
  context: { page: { path: '/demo/appointments' }, library: { name: 'bench', version: '1' } },
});

async function load(title: string, url: string, options: { method?: 'GET' | 'POST'; body?: () => string; seconds?: number }) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.seconds ?? SECONDS,
    method: options.method ?? 'GET',
    headers: { 'content-type': 'text/plain' },
    ...(options.body ? { requests: [{ setupRequest: (req: object) => ({ ...req, body: options.body!() }) }] } : {}),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  const row = { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad };
  console.log(`${title.padEnd(44)} ${Math.round(row.rps).toLocaleString('en').padStart(8)} req/s   p50 ${row.p50} ms   p99 ${row.p99} ms${bad ? `   ${bad} failed` : ''}`);
  return row;
}

const dir = mkdtempSync(join(tmpdir(), 'uptake-bench-'));
const children: ChildProcess[] = [];
try {
  const env = { DATABASE_URL: join(dir, 'bench.db') };
  const seeded = JSON.parse(execFileSync(process.execPath, ['bin/uptake.js', 'seed-demo'], { cwd: root, env: { ...process.env, ...env } }).toString());
  const [appPort, barePort] = [await freePort(), await freePort()];
  children.push(await start(['bin/uptake.js', 'serve'], { ...env, PORT: String(appPort) }));
  children.push(await start(['--import', 'tsx', 'test/bench/bare-server.ts'], { PORT: String(barePort) }));
  const app = `http://127.0.0.1:${appPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  const writeKey: string = seeded.writeKey;
  const batch = (n: number) => () => {
    const user = ++visitor;
    return JSON.stringify({ writeKey, batch: Array.from({ length: n }, () => track(user)) });
  };

  console.log(`${SECONDS} s per run, ${CONNECTIONS} connections, SQLite file, loopback; ${ROUND_COUNT} interleaved rounds, medians in the summary\n`);
  // A server just started still checkpoints the seed's WAL and compiles its hot paths: the first
  // seconds measure that, not ingest.
  const warm = Math.max(1, SECONDS / 2);
  await load('(warm-up, not counted) 1 event per batch', `${app}/v1/batch`, { method: 'POST', body: batch(1), seconds: warm });
  await load('(warm-up, not counted) 20 events per batch', `${app}/v1/batch`, { method: 'POST', body: batch(20), seconds: warm });
  const [bareEcho, ingest1, ingest20] = await rounds([
    () => load('bare Hono POST (baseline)', `${bare}/echo`, { method: 'POST', body: batch(1) }),
    () => load('POST /v1/batch, 1 event per batch', `${app}/v1/batch`, { method: 'POST', body: batch(1) }),
    () => load('POST /v1/batch, 20 events per batch', `${app}/v1/batch`, { method: 'POST', body: batch(20) }),
  ]);
  const [bareGet, decide] = await rounds([
    () => load('bare Hono GET JSON (baseline)', `${bare}/json`, {}),
    () =>
      load('POST /v1/decide (demo workspace)', `${app}/v1/decide`, {
        method: 'POST',
        body: () => JSON.stringify({ writeKey, userId: `clinic-00${1 + (seq++ % 9)}-u1`, url: 'https://app.example/demo/appointments' }),
      }),
  ]);

  console.log('\nsummary (median runs)');
  console.log(`  ingest, batches of 20: ${Math.round(ingest20.rps * 20).toLocaleString('en')} events/s`);
  console.log(`  ingest, batches of 1: ${Math.round((ingest1.rps / bareEcho.rps) * 100)}% of bare Hono POST`);
  console.log(`  decide: ${Math.round((decide.rps / bareGet.rps) * 100)}% of bare Hono GET, p99 ${decide.p99} ms`);

  for (const child of children.splice(0)) child.kill('SIGTERM');
  const pgIngest = await benchPostgresIngest();
  console.log(`\nPostgreSQL, batches of 20, 4 at a time (median of ${ROUND_COUNT} interleaved rounds):`);
  for (const [shape, title] of [['browser', "the SDK's batches (one browser each)"], ['scattered', 'every event another user and account']] as const) {
    const { bare, store } = pgIngest[shape];
    console.log(`  ${title}:`);
    console.log(`    bare pg multi-row INSERT (events only): ${Math.round(bare).toLocaleString('en')} events/s`);
    console.log(`    store.ingest (events + all counters):   ${Math.round(store).toLocaleString('en')} events/s (${Math.round((store / bare) * 100)}% of bare)`);
  }

  // ── Guidance: decide at scale ─────────────────────────────────────────────────────────────
  // 200 live campaigns, 1,000,000 users, 10,000 accounts; budget ≥ 50% of a bare Hono GET's
  // requests/s in the same run, and p99 ≤ 10 ms at half the load decide sustained.
  if (process.env.BENCH_SCALE !== '0') {
    const scale = await benchDecideAtScale({ seconds: SECONDS, connections: CONNECTIONS });
    const share = Math.round((scale.decide.rps / scale.bare.rps) * 100);
    const row = (title: string, run: { rps: number; p50: number; p99: number; bad: number }) =>
      console.log(`  ${title.padEnd(42)} ${Math.round(run.rps).toLocaleString('en').padStart(8)} req/s   p50 ${run.p50} ms   p99 ${run.p99} ms${run.bad ? `   ${run.bad} failed` : ''}`);
    console.log(`\nDecide at scale: ${SCALE.campaigns} live campaigns, ${SCALE.users.toLocaleString('en')} users, ${SCALE.accounts.toLocaleString('en')} accounts, SQLite (median of ${ROUND_COUNT} interleaved rounds)`);
    console.log(`  seeded in ${scale.seedSeconds.toFixed(1)} s; first analytics evaluation of everyone ${scale.analyticsSeconds.toFixed(1)} s`);
    row('bare Hono GET JSON (baseline)', scale.bare);
    row(`POST /v1/decide (${scale.messagesPerDecide} messages in a sample answer)`, scale.decide);
    row('POST /v1/decide at half that rate', scale.halfLoad);
    console.log(`  decide: ${share}% of bare Hono GET (budget ≥ 50%); p99 at half load ${scale.halfLoad.p99} ms (budget ≤ 10 ms)`);
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
