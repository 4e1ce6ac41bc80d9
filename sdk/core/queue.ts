// The delivery queue: batches events, persists them until the server has committed them,
// retries with backoff, and flushes on page hide. Each tab owns its own stored queue.
import type { Envelope } from './envelope.ts';
import { warnOnce } from './log.ts';
import { classify } from './outcome.ts';
import { readJson, storage } from './storage.ts';
import { exclusively, holdTabLock, liveTabs, STALE_MS } from './tab-locks.ts';
import { KEEPALIVE_LIMIT, postBatch } from './transport.ts';
import { uuid } from './uuid.ts';

export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_QUEUED_EVENTS = 1000;
export const MAX_QUEUED_BYTES = 256 * 1024;
const PREFIX = 'uptake:v1:q:';

interface Queued {
  event: Envelope;
  attempts: number;
  bytes: number;
}

interface Stored {
  beat: number;
  items: { event: Envelope; attempts: number }[];
}

export interface QueueOptions {
  url: string;
  writeKey: string;
  /** Send when this many events wait. Default 20. */
  flushAt?: number;
  /** Send at most this long after the first waiting event. Default 2000 ms. */
  flushIntervalMs?: number;
  send?: typeof postBatch;
  random?: () => number;
  /** Identity tokens by userId, sent with each batch (identity verification). */
  identityTokens?: () => Record<string, string>;
  /** Nothing is sent before this settles (e.g. until consent is known). */
  gate?: Promise<unknown>;
}

export class EventQueue {
  /** Events dropped because the stored queue was full (oldest first). */
  dropped = 0;
  private _items: Queued[] = [];
  private _sending: Promise<void> | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _retryUntil = 0;
  private _dueAt = 0;
  private _persistQueued = false;
  private _droppedReported = 0;
  private _gateOpen = !this._options.gate;
  private readonly _tabId = uuid();
  private readonly _key = PREFIX + this._tabId;

  constructor(private readonly _options: QueueOptions) {
    holdTabLock(this._tabId);
    if (_options.gate) void _options.gate.then(() => (this._gateOpen = true));
    // Without Web Locks other tabs judge liveness by this heartbeat. The same tick adopts
    // queues of tabs closed since, so their events do not wait for the next page load.
    setInterval(() => {
      if (this._items.length) this._persist();
      void this.reclaim();
    }, STALE_MS / 3);
    addEventListener('online', () => void this.reclaim());
  }

  get size(): number {
    return this._items.length;
  }

  push(event: Envelope): void {
    const bytes = JSON.stringify(event).length;
    if (bytes > MAX_EVENT_BYTES) {
      warnOnce('event_too_large', `dropped a "${event.type}" event of ${bytes} bytes: events over 32 KB are not sent; trim its properties`);
      return;
    }
    this._items.push({ event, attempts: 0, bytes });
    this._trim();
    this._persist();
    if (this._items.length >= (this._options.flushAt ?? 20)) void this.flush();
    else this._schedule(this._options.flushIntervalMs ?? 2000);
  }

  /** Sends everything waiting, batch after batch; resolves when done or waiting on a retry. */
  flush(): Promise<void> {
    this._sending ??= this._drain().finally(() => {
      this._sending = null;
    });
    return this._sending;
  }

  /** Forgets every waiting event, stored or not (opt-out). */
  clear(): void {
    this._items = [];
    storage.remove(this._key);
  }

  /** Page is going away: hand everything to keepalive requests now. Stored copies stay until the next page load proves delivery. */
  flushOnUnload(): void {
    if (!this._gateOpen) return; // Consent not known yet: the events wait in storage for the next page.
    let chunk: Queued[] = [];
    let bytes = 0;
    const sendChunk = () => {
      if (chunk.length) void (this._options.send ?? postBatch)(this._options.url, this._body(chunk), { unloading: true });
      chunk = [];
      bytes = 0;
    };
    for (const item of this._items) {
      if (bytes + item.bytes > KEEPALIVE_LIMIT - 512) sendChunk();
      chunk.push(item);
      bytes += item.bytes;
    }
    sendChunk();
  }

  /** Adopts queues left in storage by tabs that are gone. */
  async reclaim(): Promise<void> {
    await exclusively('uptake:v1:reclaim', async () => {
      const alive = await liveTabs();
      for (const key of storage.keys(PREFIX)) {
        if (key === this._key) continue;
        const stored = readJson<Stored>(key);
        const orphaned = alive ? !alive.has(key.slice(PREFIX.length)) : !stored || Date.now() - stored.beat > STALE_MS;
        if (!orphaned) continue;
        storage.remove(key);
        for (const { event, attempts } of stored?.items ?? []) {
          this._items.push({ event, attempts, bytes: JSON.stringify(event).length });
        }
      }
      this._trim();
      this._persist();
    });
    if (this._items.length) this._schedule(0);
  }

  private async _drain(): Promise<void> {
    await this._options.gate;
    while (this._items.length && Date.now() >= this._retryUntil) {
      const batch = this._takeBatch();
      const reported = this.dropped;
      const answer = await (this._options.send ?? postBatch)(this._options.url, this._body(batch));
      const attempt = Math.max(...batch.map((b) => b.attempts)) + 1;
      const outcome = classify(answer, attempt, this._options.random);
      if (outcome.action === 'retry') {
        for (const item of batch) item.attempts = attempt;
        this._retryUntil = Date.now() + outcome.delayMs;
        this._persist();
        this._schedule(outcome.delayMs);
        return;
      }
      if (outcome.action === 'drop') warnOnce(`drop:${outcome.reason}`, `dropped ${batch.length} event(s): ${outcome.reason}`);
      else this._droppedReported = reported;
      this._items = this._items.filter((item) => !batch.includes(item));
      this._persist();
    }
    if (this._items.length) this._schedule(this._retryUntil - Date.now());
  }

  private _takeBatch(): Queued[] {
    const batch: Queued[] = [];
    let bytes = 0;
    for (const item of this._items) {
      if (batch.length >= (this._options.flushAt ?? 20) || (batch.length && bytes + item.bytes > 400 * 1024)) break;
      batch.push(item);
      bytes += item.bytes;
    }
    return batch;
  }

  private _body(batch: Queued[]): string {
    const tokens = this._options.identityTokens?.() ?? {};
    const users = new Set(batch.map((b) => b.event.userId));
    const identityTokens = Object.fromEntries(Object.entries(tokens).filter(([userId]) => users.has(userId)));
    return JSON.stringify({
      writeKey: this._options.writeKey,
      sentAt: new Date().toISOString(),
      ...(Object.keys(identityTokens).length ? { identityTokens } : {}),
      // Tell the server how much this browser lost, so data loss is visible, not silent.
      ...(this.dropped > this._droppedReported ? { dropped: this.dropped - this._droppedReported } : {}),
      batch: batch.map((b) => b.event),
    });
  }

  /** Keeps the stored queue within its caps, dropping the oldest events first. */
  private _trim(): void {
    let bytes = this._items.reduce((sum, item) => sum + item.bytes, 0);
    while (this._items.length > MAX_QUEUED_EVENTS || bytes > MAX_QUEUED_BYTES) {
      bytes -= this._items.shift()!.bytes;
      this.dropped++;
    }
    if (this.dropped) warnOnce('queue_full', 'the event queue is full (the server has been unreachable for a while); oldest events are being dropped');
  }

  /** Writes the queue to storage once per task, however many events arrived in it. */
  private _persist(): void {
    if (this._persistQueued) return;
    this._persistQueued = true;
    queueMicrotask(() => {
      this._persistQueued = false;
      this._writeStored();
    });
  }

  private _writeStored(): void {
    if (!this._items.length) return storage.remove(this._key);
    const stored: Stored = { beat: Date.now(), items: this._items.map(({ event, attempts }) => ({ event, attempts })) };
    storage.set(this._key, JSON.stringify(stored));
  }

  /** Flushes after `delayMs`, unless a flush is already due sooner. */
  private _schedule(delayMs: number): void {
    const dueAt = Date.now() + Math.max(0, delayMs);
    if (this._timer !== undefined && this._dueAt <= dueAt) return;
    clearTimeout(this._timer);
    this._dueAt = dueAt;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      void this.flush();
    }, Math.max(0, delayMs));
  }
}
