// The `uptake` command as a user runs it: a real process, a real SQLite file.
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';
import { freePort } from '../harness.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'uptake-cli-'));
const env = { ...process.env, DATABASE_URL: join(dir, 'cli.db') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const uptake = (...args: string[]) => spawnSync(process.execPath, ['bin/uptake.js', ...args], { cwd: root, env, encoding: 'utf8' });

describe('uptake CLI', () => {
  it('creates a workspace and prints its keys as one JSON line', () => {
    const run = uptake('workspace', 'create', '--name', 'Acme');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]!);
    expect(Object.keys(created)).toEqual(['id', 'name', 'writeKey', 'secretKey']);
    expect(created.name).toBe('Acme');
    expect(created.writeKey).toMatch(/^wk_/);
    expect(created.secretKey).toMatch(/^sk_/);
  });

  it.each([
    [['workspace', 'create', '--name', 'Acme'], 'a workspace named "Acme" already exists'],
    [['workspace', 'create'], 'workspace create needs --name NAME'],
    [['workspace', 'create', '--nme', 'x'], "Unknown option '--nme'"],
    [['launch'], 'unknown command "launch"'],
  ])('refuses %j with exit code 2 and one line saying why', (args, message) => {
    const run = uptake(...args);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('seeds the demo with its analytics computed, then exits cleanly', () => {
    const run = uptake('seed-demo');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'ClinicFlow (demo)', created: true });
    const again = uptake('seed-demo');
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false });
  });

  it('creates a console user and prints a one-time password that signs in, as one JSON line', async () => {
    uptake('workspace', 'create', '--name', 'Logins');
    const run = uptake('user', 'create', '--email', 'Ana@Clinic.Example', '--role', 'editor', '--workspace', 'Logins');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]!);
    expect(Object.keys(created)).toEqual(['email', 'role', 'workspace', 'password']);
    expect(created).toMatchObject({ email: 'ana@clinic.example', role: 'editor', workspace: 'Logins' });

    const store = openSqliteStore(env.DATABASE_URL);
    const app = createApp({ store, publicUrl: 'http://localhost:8787' });
    const login = await app.request('/api/v1/session', { method: 'POST', body: JSON.stringify({ email: 'ana@clinic.example', password: created.password }) });
    await store.close();
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ user: { role: 'editor' }, workspace: { name: 'Logins' } });

    for (const [args, message] of [
      [['--email', 'ana@clinic.example', '--role', 'viewer', '--workspace', 'Logins'], 'ana@clinic.example already has a login in workspace "Logins"'],
      [['--email', 'not-an-email', '--role', 'viewer', '--workspace', 'Logins'], '--email: expected an email address'],
      [['--email', 'bea@clinic.example', '--role', 'owner', '--workspace', 'Logins'], '--role: '],
      [['--email', 'bea@clinic.example', '--role', 'viewer', '--workspace', 'Nope'], 'no workspace named "Nope"'],
      [['--email', 'bea@clinic.example', '--role', 'viewer'], 'there are several workspaces; name one with --workspace NAME'],
    ] as const) {
      const refused = uptake('user', 'create', ...args);
      expect(refused.status, args.join(' ')).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain(message);
    }
  });

  it('recomputes analytics and prints a summary', async () => {
    const created = JSON.parse(uptake('workspace', 'create', '--name', 'Recompute').stdout);
    const store = openSqliteStore(env.DATABASE_URL);
    const now = new Date().toISOString();
    const event = (messageId: string, groupId: string) => ({
      event: { type: 'group', messageId, userId: `user-${groupId}`, groupId, traits: { name: groupId }, timestamp: now, context: {} } as never,
      timestamp: now, receivedAt: now, features: [], verified: null,
    });
    await store.ingest(created.id, [event('r1', 'clinic-a'), event('r2', 'clinic-b')]);
    await store.close();
    const run = uptake('recompute', '--workspace', 'Recompute');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Recomputed 2 accounts and 2 users in 1 workspace in \d+\.\d s; 0 alerts raised, 0 certification levels awarded\.$/m);
    const missing = uptake('recompute', '--workspace', 'Nope');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no workspace named "Nope"');
  });

  it('prints usage for help, and for no command with exit code 2', () => {
    expect(uptake('help').stdout).toContain('workspace create --name NAME');
    expect(uptake().status).toBe(2);
  });

  it('refuses a bad environment with a clear message', () => {
    const run = spawnSync(process.execPath, ['bin/uptake.js', 'serve'], { cwd: root, env: { ...env, PORT: 'eighty' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('invalid environment: PORT');
  });

  it('on SIGTERM finishes the request in flight, then exits cleanly', async () => {
    const created = JSON.parse(uptake('workspace', 'create', '--name', 'Shutdown').stdout);
    const port = await freePort();
    const server = spawn(process.execPath, ['bin/uptake.js', 'serve'], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((ready) => server.stdout!.on('data', (d: Buffer) => d.toString().includes('running') && ready()));
    const exited = new Promise<number | null>((done) => server.once('exit', done));

    const body = JSON.stringify({
      writeKey: created.writeKey,
      batch: [{ type: 'track', messageId: 'in-flight-1', timestamp: new Date().toISOString(), userId: 'u1', event: 'Saved', properties: {} }],
    });
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/v1/batch', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => done({ status: res.statusCode!, text }));
      });
      req.on('error', fail);
      // Half the body now; the rest after the server was told to stop.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 300);
    });

    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ accepted: 1 });
    expect(await exited).toBe(0);

    const store = openSqliteStore(env.DATABASE_URL);
    const events = await store.recentEvents(created.id, 10);
    await store.close();
    expect(events.map((e) => e.messageId)).toEqual(['in-flight-1']);
  });
});
