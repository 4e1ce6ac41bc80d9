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
  /** Resolves when no run is in progress or queued. */
  idle(): Promise<void>;
  /**
   * Runs `work` between two runs, none in progress meanwhile: an erasure must not have a run that
   * read the person before it write their metrics back after it.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Stops the timer, lets the current runs finish, and refuses new ones (the store is closing). */
  stop(): Promise<void>;
}

const refreshers = new WeakMap<object, Refresher>();

export function refresherFor(store: Store): Refresher {
  let refresher = refreshers.get(store.sql);
  if (!refresher) refreshers.set(store.sql, (refresher = createRefresher(store)));
  return refresher;
}

function createRefresher(store: Store): Refresher {
  // Runs go one after another. A request joins a run of the same kind that is queued but has not
  // started yet (it will see the caller's events), so bursts of reads or saves cost one run.
  let tail: Promise<unknown> = Promise.resolve();
  let queuedFresh: Promise<void> | null = null;
  const queuedRecompute = new Map<string, Promise<RefreshSummary>>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  }

  const fresh = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    queuedFresh ??= enqueue(async () => {
      queuedFresh = null;
      if (!stopped) await refreshAnalytics(store, { emit: webhookEvent });
    });
    return queuedFresh;
  };

  return {
    fresh,
    recompute({ workspaceId, onProgress } = {}) {
      const key = workspaceId ?? '*';
      let run = queuedRecompute.get(key);
      if (!run) {
        run = enqueue(() => {
          queuedRecompute.delete(key);
          return refreshAnalytics(store, { emit: webhookEvent, full: true, ...(workspaceId ? { workspaceId } : {}), ...(onProgress ? { onProgress } : {}) });
        });
        queuedRecompute.set(key, run);
      }
      return run;
    },
    start(intervalMs) {
      timer ??= setInterval(() => {
        fresh().catch((error) => console.error('[uptake] analytics refresh failed:', error));
      }, intervalMs);
      timer.unref();
    },
    idle: () => tail.then(() => {}),
    exclusive: (work) => enqueue(work),
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      stopped = true;
      await tail;
    },
  };
}
