// Starts real servers for tests: a fresh SQLite file per server, optionally with the demo.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRoutes } from '../demo/routes.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApp } from '../server/app.ts';
import { listen } from '../server/index.ts';
import { openSqliteStore } from '../server/store/sqlite/index.ts';
import type { Store, Workspace } from '../server/store/store.ts';

export function tempSqliteStore(): { store: Store; file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'uptake-test-'));
  const file = join(dir, 'uptake.db');
  const store = openSqliteStore(file);
  return { store, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface DemoServer {
  url: string;
  store: Store;
  workspace: Workspace;
  close(): Promise<void>;
}

/** The same composition as `npm start`: seeded demo workspace, demo product at /demo/. */
export async function startDemoServer(options: { observe?: (request: Request) => void } = {}): Promise<DemoServer> {
  const { store, cleanup } = tempSqliteStore();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { workspace } = await seedDemo(store, createApp({ store, publicUrl: url }));
  const app = createApp({ store, publicUrl: url, ...(options.observe ? { observe: options.observe } : {}) });
  app.route('/demo', demoRoutes({ writeKey: workspace.writeKey, host: url }));
  const server = await listen(app, store, { port, host: '127.0.0.1' });
  return {
    url,
    store,
    workspace,
    async close() {
      await server.close();
      cleanup();
    },
  };
}
