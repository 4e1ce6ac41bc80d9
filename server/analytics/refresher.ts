// One refresher per store: reads wait for it so they are never stale, a timer keeps it warm, and
// concurrent callers share a single run instead of evaluating the same subjects twice.
import type { Store } from '../store/store.ts';
import { webhookEvent } from '../webhooks/outbox.ts';
import { refreshAnalytics, type RefreshSummary } from './refresh.ts';

export interface Refresher {
  /** Resolves once every event committed before the call is reflected in the metrics. */
  fresh(): Promise<void>;
  /** Full re-evaluation of one workspace (after a definition change) or of all (`uptake recompute`). */
  recompute(options?: { workspaceId?: string; onProgress?: (done: number, total: number) => void }): Promise<RefreshSummary>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

const refreshers = new WeakMap<object, Refresher>();

export function refresherFor(store: Store): Refresher {
  let refresher = refreshers.get(store.sql);
  if (!refresher) refreshers.set(store.sql, (refresher = createRefresher(store)));
  return refresher;
}

function createRefresher(store: Store): Refresher {
  let running: Promise<unknown> | null = null;
  let queued: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const options = { emit: webhookEvent };

  const runOnce = (full: boolean, extra: { workspaceId?: string; onProgress?: (done: number, total: number) => void } = {}) => {
    const run = refreshAnalytics(store, { ...options, full, ...extra });
    running = run.finally(() => (running = null));
    return run;
  };

  const fresh = (): Promise<void> => {
    // A run in progress may have started before the caller's events: queue exactly one more.
    if (running) {
      queued ??= running.catch(() => {}).then(() => {
        queued = null;
        return runOnce(false).then(() => {});
      });
      return queued;
    }
    return runOnce(false).then(() => {});
  };

  return {
    fresh,
    async recompute(extra = {}) {
      while (running) await running.catch(() => {});
      return runOnce(true, extra);
    },
    start(intervalMs) {
      timer ??= setInterval(() => {
        fresh().catch((error) => console.error('[uptake] analytics refresh failed:', error));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await queued?.catch(() => {});
      await running?.catch(() => {});
    },
  };
}
