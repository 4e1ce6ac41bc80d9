// Boot: configuration → store → HTTP server, and a graceful shutdown.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Config } from './env.ts';
import { openPostgresStore } from './store/postgres/index.ts';
import { openSqliteStore } from './store/sqlite/index.ts';
import type { Store } from './store/store.ts';
import { refresherFor } from './analytics/refresher.ts';
import { createDeliverer, type DelivererOptions } from './webhooks/deliverer.ts';

export async function openStore(database: Config['database']): Promise<Store> {
  if (database.kind === 'sqlite') return openSqliteStore(database.file, { backgroundCheckpoints: true });
  return openPostgresStore(database.url);
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests and webhook deliveries finish, then closes the store. */
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** Where browsers reach this server; links in Slack messages point at its console. */
  publicUrl?: string;
  /** The webhook deliverer that runs beside the server; see DelivererOptions for defaults. */
  webhooks?: Partial<DelivererOptions>;
  /** How often changed users and accounts are evaluated again in the background. Default 5 s. */
  analyticsIntervalMs?: number;
}

export async function listen(app: Hono, store: Store, { port, host, publicUrl, webhooks, analyticsIntervalMs = 5000 }: ListenOptions): Promise<RunningServer> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const deliverer = createDeliverer(store.sql, { ...(publicUrl ? { consoleUrl: `${publicUrl}/console/` } : {}), ...webhooks });
  deliverer.start();
  // Reads refresh what they need; the timer keeps metrics (and alerts, awards) current between them.
  const analytics = refresherFor(store);
  analytics.start(analyticsIntervalMs);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`,
    port: actualPort,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones finish their response first.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      })
        .then(() => Promise.all([deliverer.stop(), analytics.stop()]))
        .then(() => store.close());
      return closing;
    },
  };
}

/** Closes the server on SIGINT/SIGTERM; a second signal exits at once. */
export function closeOnSignals(server: RunningServer, log: (line: string) => void = console.log): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`[uptake] ${signal}: finishing in-flight requests, then closing the database`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (error) => {
        console.error('[uptake] shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
