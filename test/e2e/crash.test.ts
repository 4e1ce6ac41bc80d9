// The server is killed (SIGKILL, no goodbye) ten times while a real browser keeps tracking.
// Every event the SDK created must end up stored exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';
import { launchChromium } from '../chromium.ts';
import { freePort } from '../harness.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'uptake-crash-'));
const database = join(dir, 'crash.db');
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startServer(port: number): Promise<ChildProcess> {
  return new Promise((ready, fail) => {
    const child = spawn(process.execPath, ['bin/uptake.js', 'serve', '--demo'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('running') && ready(child));
    child.once('exit', (code, signal) => signal === null && fail(new Error(`server exited with ${code}`)));
  });
}

describe('crash safety', () => {
  it('stores every event exactly once across 10 SIGKILLs of the server', { timeout: 180_000 }, async () => {
    const port = await freePort();
    server = await startServer(port);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      page.on('console', (m) => m.type() === 'warning' && console.log('BROWSER', m.text()));
      await page.goto(`http://127.0.0.1:${port}/demo/appointments`);
      await page.waitForFunction(() => (window as unknown as { uptake?: { __sdk?: boolean } }).uptake?.__sdk === true);
      // The page tracks an event every 60 ms (far faster than a person) until told to stop. Much
      // faster, on a busy machine where each restart takes seconds, the outages add up to more than
      // the 256 KB stored queue holds, and it drops the oldest by design (and says so).
      await page.evaluate(() => {
        let n = 0;
        const w = window as unknown as { uptake: { track(e: string): void }; stopCrashLoop: () => number };
        const timer = setInterval(() => w.uptake.track(`Crash ${n++}`), 60);
        w.stopCrashLoop = () => (clearInterval(timer), n);
      });
      for (let kill = 0; kill < 10; kill++) {
        await new Promise((r) => setTimeout(r, 400 + Math.random() * 400));
        server.kill('SIGKILL');
        await new Promise((r) => server!.once('exit', r));
        await new Promise((r) => setTimeout(r, 150));
        server = await startServer(port);
      }
      const created = await page.evaluate(() => (window as unknown as { stopCrashLoop: () => number }).stopCrashLoop());
      expect(created).toBeGreaterThan(100);

      const store = openSqliteStore(database);
      const workspace = (await store.workspaceByName('ClinicFlow (demo)'))!;
      const count = async () => {
        const names = (await store.recentEvents(workspace.id, 100_000)).flatMap((e) => (e.name?.startsWith('Crash ') ? [e.name] : []));
        return names;
      };
      await expect.poll(async () => (await count()).length, { timeout: 60_000, interval: 500 }).toBe(created);
      const names = await count();
      expect(new Set(names).size).toBe(created);
      expect(names.sort()).toEqual(Array.from({ length: created }, (_, i) => `Crash ${i}`).sort());
      await store.close();
    } finally {
      await browser.close();
    }
  });
});
