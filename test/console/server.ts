// The real server for console tests, started as `uptake serve` on a fresh SQLite file (server
// code cannot run inside happy-dom), with two clinics' usage sent through the tracking API. The
// console's fetch goes to it over Node's HTTP (happy-dom's fetch would apply CORS to the admin API).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import type { SessionInfo } from '../../server/console/api.ts';
import { startSession } from '../../server/console/state.ts';
import { signInAs } from './dom.ts';

const bin = resolve(import.meta.dirname, '../../bin/uptake.js');
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
let seq = 0;

export interface ConsoleServer {
  url: string;
  keys: { writeKey: string; secretKey: string };
  /** The admin API as a script would call it, for arranging and checking. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** Signs the console in as this role (with the secret key underneath) and points its fetch at the server. */
  signIn(role: SessionInfo['user']['role']): void;
  /** Creates a console login with this role and signs in with it: a real session cookie and CSRF token. Returns the login. */
  signInWithSession(role: SessionInfo['user']['role']): Promise<{ email: string; password: string }>;
  close(): void;
}

function http(url: string, init: RequestInit = {}): Promise<Response> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string> }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        done(new Response(status === 204 ? null : Buffer.concat(chunks).toString('utf8'), { status, headers: { 'content-type': String(res.headers['content-type'] ?? '') } }));
      });
    });
    req.on('error', fail);
    req.end(init.body as string | undefined);
  });
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const event = (fields: Record<string, unknown>) => ({ messageId: `m-${++seq}-${Math.random()}`, ...fields });

export async function consoleServer(): Promise<ConsoleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'uptake-console-'));
  const env = { ...process.env, DATABASE_URL: join(dir, 'uptake.db') };
  const keys = JSON.parse(execFileSync(process.execPath, [bin, 'workspace', 'create', '--name', 'Console test'], { env, encoding: 'utf8' }).trim().split('\n').at(-1)!);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
  const admin = (method: string, path: string, body?: unknown) =>
    http(`${url}${path}`, { method, headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  await vi.waitFor(async () => {
    if ((await http(`${url}/healthz`)).status !== 200) throw new Error('not up yet');
  }, { timeout: 50_000, interval: 200 });

  await admin('PUT', '/api/v1/features/reminders', { key: 'reminders', name: 'Reminders', isKey: true, rule: { type: 'event', event: 'Reminder Scheduled' } });
  // "Busy Clinic" (2 seats) has u1 using reminders today; "Quiet Clinic" (5 seats) was last seen 40 days ago.
  const batch = [
    event({ type: 'group', userId: 'u1', groupId: 'acct-1', timestamp: ago(1), traits: { name: 'Busy Clinic', seats: 2, contractStart: '2020-01-01' } }),
    event({ type: 'track', userId: 'u1', groupId: 'acct-1', event: 'Reminder Scheduled', timestamp: ago(0), properties: {} }),
    event({ type: 'group', userId: 'u2', groupId: 'acct-2', timestamp: ago(40), traits: { name: 'Quiet Clinic', seats: 5 } }),
  ];
  const sent = await http(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey: keys.writeKey, batch }) });
  if (sent.status !== 200) throw new Error(`seeding failed: ${await sent.text()}`);

  return {
    url,
    keys,
    admin,
    signIn(role) {
      vi.stubGlobal('fetch', (input: string, init?: RequestInit) => http(input.startsWith('/') ? url + input : input, init));
      signInAs(role, keys.secretKey);
    },
    async signInWithSession(role) {
      const { user, password } = (await (await admin('POST', '/api/v1/console-users', { email: `${role}-${++seq}@example.com`, role })).json()) as { user: { email: string }; password: string };
      const login = await new Promise<{ cookie: string; info: SessionInfo }>((done, fail) => {
        const req = httpRequest(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!, info: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        });
        req.on('error', fail);
        req.end(JSON.stringify({ email: user.email, password }));
      });
      // The browser would send the httpOnly cookie by itself; Node's HTTP needs it spelled out.
      vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => http(input.startsWith('/') ? url + input : input, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: login.cookie } }));
      startSession(login.info);
      return { email: user.email, password };
    },
    close() {
      vi.unstubAllGlobals();
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
