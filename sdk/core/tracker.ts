// identify / group / track / page: turns calls into envelopes and hands them to the queue.
import { envelope, type Identity } from './envelope.ts';
import { forgetIdentity, loadIdentity, saveIdentity } from './identity.ts';
import { warnOnce } from './log.ts';
import { EventQueue } from './queue.ts';
import { storage } from './storage.ts';

export interface TrackerConfig {
  writeKey: string;
  /** Base URL of the Uptake server, e.g. https://uptake.example.com */
  host: string;
}

type Dict = Record<string, unknown>;
const OPT_OUT_KEY = 'uptake:v1:opt-out';

/** Whether this browser opted out with uptake.optOut(), on this or an earlier page. */
export const isOptedOut = (): boolean => storage.get(OPT_OUT_KEY) === '1';

function asId(value: unknown, what: string): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim()) return value;
  warnOnce(`bad_${what}`, `${what} must be a non-empty string; got ${typeof value}. The call was ignored.`);
  return null;
}

function asDict(value: unknown, what: string): Dict {
  if (value == null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Dict;
  warnOnce(`bad_${what}`, `${what} must be an object; got ${Array.isArray(value) ? 'an array' : typeof value}. It was left out.`);
  return {};
}

export class Tracker {
  readonly queue: EventQueue;
  identity: Identity;
  private _optedOut = isOptedOut();

  /** `consent` settles once we know whether this visitor may be tracked; nothing is sent before. */
  constructor(
    readonly config: TrackerConfig,
    consent?: Promise<unknown>,
  ) {
    this.identity = loadIdentity();
    this.queue = new EventQueue({
      url: `${config.host}/v1/batch`,
      writeKey: config.writeKey,
      identityTokens: () => (this.identity.userId && this.identity.token ? { [this.identity.userId]: this.identity.token } : {}),
      ...(consent ? { gate: consent } : {}),
    });
  }

  get optedOut(): boolean {
    return this._optedOut;
  }

  identify(userId: unknown, traits?: unknown, options?: { token?: unknown }): void {
    const id = asId(userId, 'userId');
    if (!id || this._optedOut) return;
    const token = typeof options?.token === 'string' ? options.token : id === this.identity.userId ? this.identity.token : null;
    this.identity = { ...this.identity, userId: id, token };
    saveIdentity(this.identity);
    this._send({ type: 'identify', traits: asDict(traits, 'traits') });
  }

  group(accountId: unknown, traits?: unknown): void {
    const id = asId(accountId, 'accountId');
    if (!id || this._optedOut) return;
    this.identity = { ...this.identity, groupId: id };
    saveIdentity(this.identity);
    this._send({ type: 'group', groupId: id, traits: asDict(traits, 'traits') });
  }

  track(event: unknown, properties?: unknown): void {
    const name = asId(event, 'event name');
    if (!name || this._optedOut) return;
    this._send({ type: 'track', event: name, properties: asDict(properties, 'properties') });
  }

  page(name?: unknown, properties?: unknown): void {
    if (this._optedOut) return;
    this._send({ type: 'page', name: typeof name === 'string' ? name : null, properties: asDict(properties, 'properties') });
  }

  /** Signs the visitor out: a new anonymous id, no user, no account. */
  reset(): void {
    forgetIdentity();
    this.identity = loadIdentity();
    if (!this._optedOut) saveIdentity(this.identity);
  }

  /** Stops all tracking and forgets what was waiting; remembered across page loads. */
  optOut(): void {
    this.suppress();
    storage.set(OPT_OUT_KEY, '1');
  }

  /** Stops tracking for this page only, writing nothing (Global Privacy Control). */
  suppress(): void {
    this._optedOut = true;
    this.queue.clear();
    forgetIdentity();
  }

  optIn(): void {
    this._optedOut = false;
    storage.remove(OPT_OUT_KEY);
    saveIdentity(this.identity);
  }

  private _send(body: Parameters<typeof envelope>[0]): void {
    this.queue.push(envelope(body, this.identity));
  }
}
