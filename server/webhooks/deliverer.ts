// The background sender: polls the outbox, claims due deliveries and POSTs them, a few at a time.
// It runs beside the HTTP server, never on a request's path, and every request has a timeout, so a
// dead or hanging receiver costs a slot for at most `timeoutMs` and never delays ingestion.
import type { SqlDb } from '../store/sql.ts';
import { newId } from '../store/keys.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './backoff.ts';
import { type ClaimedDelivery, claimDeliveries, dueDeliveries, pruneDeliveries, recordAttempt } from './claims.ts';
import { sendSigned } from './send.ts';
import { slackBody } from './slack.ts';

export interface DelivererOptions {
  /** How often to look for due deliveries. Default 1000 ms. */
  pollIntervalMs: number;
  /** Longest wait for a receiver's answer. Default 5000 ms. */
  timeoutMs: number;
  /** Requests in flight at once from this process. Default 8. */
  concurrency: number;
  /** Requests in flight at once to one webhook, so a slow receiver leaves slots for the others. Default 2. */
  perWebhook: number;
  /** Backoff between attempts and how many there are. Default 10 s base, 8 attempts. */
  retry: RetryPolicy;
  /** Delivered and failed deliveries stay in the log this long. Default 30 days. */
  retentionDays: number;
  /** The console's address (`https://uptake.example.com/console/`), for links in Slack messages. */
  consoleUrl?: string;
  log: (line: string) => void;
}

export const DEFAULT_DELIVERER_OPTIONS: DelivererOptions = {
  pollIntervalMs: 1000,
  timeoutMs: 5000,
  concurrency: 8,
  perWebhook: 2,
  retry: DEFAULT_RETRY_POLICY,
  retentionDays: 30,
  log: (line) => console.error(line),
};

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Beyond the request timeout, how long a claim holds before another instance may take over (this one died). */
const CLAIM_MARGIN_MS = 60_000;

export interface Deliverer {
  /** Starts polling every `pollIntervalMs`. */
  start(): void;
  /** Sends what is due now (within free slots) and resolves with the number of attempts once they are recorded. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for requests in flight (at most `timeoutMs`) to be recorded. */
  stop(): Promise<void>;
}

export function createDeliverer(sql: SqlDb, options: Partial<DelivererOptions> = {}): Deliverer {
  const { pollIntervalMs, timeoutMs, concurrency, perWebhook, retry, retentionDays, consoleUrl, log } = { ...DEFAULT_DELIVERER_OPTIONS, ...options };
  const inFlight = new Set<Promise<void>>();
  const perWebhookInFlight = new Map<string, number>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let filling: Promise<Promise<void>[]> | undefined;
  let stopped = false;
  let lastPrune = 0;
  let lastError = '';
  /** The last fill used every free slot, so more may be due: refill as slots free up rather than wait for the next poll. */
  let backlog = false;

  const webhookKey = (d: { workspaceId: string; webhookId: string }) => `${d.workspaceId}\u0000${d.webhookId}`;

  async function attempt(delivery: ClaimedDelivery, claim: string): Promise<void> {
    const body = delivery.format === 'slack' ? slackBody(delivery.body, consoleUrl) : delivery.body;
    const outcome = await sendSigned({ ...delivery, body }, timeoutMs);
    const delay = outcome.delivered ? null : retryDelay(delivery.attempts, retry);
    const now = Date.now();
    await recordAttempt(sql, delivery, claim, outcome, new Date(now).toISOString(), delay === null ? null : new Date(now + delay).toISOString());
  }

  function launch(delivery: ClaimedDelivery, claim: string): Promise<void> {
    const key = webhookKey(delivery);
    perWebhookInFlight.set(key, (perWebhookInFlight.get(key) ?? 0) + 1);
    const running: Promise<void> = attempt(delivery, claim)
      .catch((error) => report(error))
      .finally(() => {
        inFlight.delete(running);
        const left = (perWebhookInFlight.get(key) ?? 1) - 1;
        if (left) perWebhookInFlight.set(key, left);
        else perWebhookInFlight.delete(key);
        if (backlog && timer) void fillOnce();
      });
    inFlight.add(running);
    return running;
  }

  /** Logs a database failure once while it keeps happening, instead of once per poll. */
  function report(error: unknown) {
    const message = (error as Error)?.message ?? String(error);
    if (message !== lastError) log(`[uptake] webhook delivery: ${message}`);
    lastError = message;
  }

  /** Claims as many due deliveries as there are free slots and starts sending them. */
  async function fill(): Promise<Promise<void>[]> {
    const free = concurrency - inFlight.size;
    if (free <= 0 || stopped) return [];
    const nowMs = Date.now();
    const now = new Date(nowMs).toISOString();
    const due = await dueDeliveries(sql, now, { limit: concurrency, perWebhook });
    const room = new Map<string, number>();
    const chosen = due.filter((d) => {
      const key = webhookKey(d);
      const left = room.get(key) ?? perWebhook - (perWebhookInFlight.get(key) ?? 0);
      room.set(key, left - 1);
      return left > 0;
    });
    const claim = newId();
    const claimed = await claimDeliveries(sql, chosen.slice(0, free), claim, now, new Date(nowMs + timeoutMs + CLAIM_MARGIN_MS).toISOString());
    if (nowMs - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = nowMs;
      await pruneDeliveries(sql, new Date(nowMs - retentionDays * 86_400_000).toISOString());
    }
    backlog = claimed.length === free;
    lastError = '';
    return claimed.map((delivery) => launch(delivery, claim));
  }

  /** One fill at a time: overlapping polls would only race each other for the same rows. */
  function fillOnce(): Promise<Promise<void>[]> {
    filling ??= fill()
      .catch((error) => (report(error), []))
      .finally(() => (filling = undefined));
    return filling;
  }

  return {
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void fillOnce(), pollIntervalMs);
      // The poll alone must not keep the process alive.
      timer.unref();
    },
    async runOnce() {
      const started = await fillOnce();
      await Promise.all(started);
      return started.length;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await filling;
      await Promise.all(inFlight);
    },
  };
}
