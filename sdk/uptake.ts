// The public `uptake` object: tracking (core) plus guidance (guide), wired together.
// Calls made before init() are kept and replayed in order once it runs.
import { Emitter, type Handler } from './core/emitter.ts';
import { trackUrlRules, watchClickRules } from './core/feature-rules.ts';
import { watchLifecycle } from './core/lifecycle.ts';
import { guarded, warnOnce } from './core/log.ts';
import { fetchConfig } from './core/remote-config.ts';
import { onRouteChange } from './core/route-watch.ts';
import { isOptedOut, Tracker, type TrackerConfig } from './core/tracker.ts';
import { Guide } from './guide/guide.ts';
import type { Widgets } from './guide/widgets-api.ts';

export interface InitOptions {
  /** The workspace's public write key (wk_…). Required. */
  writeKey: string;
  /** Base URL of the Uptake server. Default: the origin the SDK was loaded from. */
  host?: string;
  /** Send a `page` event on load and on every route change. Default true. */
  trackPages?: boolean;
}

export interface Uptake {
  init(options: InitOptions): void;
  /** `options.token`: an identity token from your backend, when identity verification is on. */
  identify(userId: string, traits?: Record<string, unknown>, options?: { token?: string }): void;
  group(accountId: string, traits?: Record<string, unknown>): void;
  track(event: string, properties?: Record<string, unknown>): void;
  page(name?: string, properties?: Record<string, unknown>): void;
  reset(): void;
  optOut(): void;
  optIn(): void;
  ready(callback: () => void): void;
  on(name: string, handler: Handler): void;
  off(name: string, handler: Handler): void;
}

export interface UptakeOptions {
  /** Loads the widgets chunk; called only when a message must be shown. */
  loadWidgets: (host: string) => Promise<Widgets>;
  /** Host used when init() names none. */
  defaultHost?: string;
}

type Call = [keyof Uptake, unknown[]];

export function createUptake({ loadWidgets, defaultHost }: UptakeOptions): Uptake {
  const emitter = new Emitter();
  let tracker: Tracker | undefined;
  let guide: Guide | undefined;
  let isReady = false;
  const beforeInit: Call[] = [];
  let refreshQueued = false;

  // identify and group usually come in pairs; decide once after both.
  const refreshSoon = () => {
    if (refreshQueued || !guide) return;
    refreshQueued = true;
    setTimeout(() => {
      refreshQueued = false;
      void guide!.refresh();
    }, 0);
  };

  const whenReady = <A extends unknown[]>(name: keyof Uptake, fn: (t: Tracker, ...args: A) => void) =>
    guarded(name, (...args: A) => {
      if (!tracker) beforeInit.push([name, args]);
      else fn(tracker, ...args);
    });

  const uptake: Uptake = {
    init: guarded('init', (options: InitOptions) => {
      if (tracker) {
        if (options?.writeKey !== tracker.config.writeKey) warnOnce('init_twice', 'uptake.init() was called again with another write key; the first one stays in use');
        return;
      }
      if (!options || typeof options.writeKey !== 'string' || !options.writeKey.startsWith('wk_')) {
        warnOnce('init_key', 'uptake.init() needs { writeKey: "wk_…" }: the public write key from the Uptake console (not the secret sk_ key)');
        return;
      }
      const host = (options.host ?? defaultHost ?? location.origin).replace(/\/$/, '');
      const config: TrackerConfig = { writeKey: options.writeKey, host };
      // Remote settings decide consent (Global Privacy Control) before anything is sent.
      const remote = isOptedOut() ? Promise.resolve(null) : fetchConfig(host, config.writeKey);
      const consent = remote.then((settings) => {
        const gpc = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
        if (settings?.honorGlobalPrivacyControl && gpc) t.suppress();
      });
      tracker = new Tracker(config, consent);
      const t = tracker;
      guide = new Guide({ tracker: t, loadWidgets: () => loadWidgets(host), emit: (n, p) => emitter.emit(n, p) });
      watchLifecycle({ onHide: () => t.queue.flushOnUnload(), onResume: () => void t.queue.flush() });
      const trackPages = options.trackPages !== false;
      const rules = remote.then((settings) => settings?.features ?? []);
      const track = (event: string, properties: Record<string, unknown>) => {
        t.track(event, properties);
        guide!.tracked();
      };
      void rules.then((list) => {
        watchClickRules(list, track);
        trackUrlRules(list, location.pathname, track);
      });
      onRouteChange(() => {
        if (trackPages) t.page();
        void rules.then((list) => trackUrlRules(list, location.pathname, track));
        void guide!.refresh();
      });
      for (const [name, args] of beforeInit.splice(0)) (uptake[name] as (...a: unknown[]) => void)(...args);
      if (trackPages) t.page();
      void Promise.all([consent, t.queue.reclaim()]).then(() => {
        refreshSoon();
        isReady = true;
        emitter.emit('ready');
      });
    }),
    identify: whenReady('identify', (t, userId: string, traits?: Record<string, unknown>, options?: { token?: string }) => {
      t.identify(userId, traits, options);
      refreshSoon();
    }),
    group: whenReady('group', (t, accountId: string, traits?: Record<string, unknown>) => {
      t.group(accountId, traits);
      refreshSoon();
    }),
    track: whenReady('track', (t, event: string, properties?: Record<string, unknown>) => {
      t.track(event, properties);
      guide?.tracked();
    }),
    page: whenReady('page', (t, name?: string, properties?: Record<string, unknown>) => t.page(name, properties)),
    reset: whenReady('reset', (t) => t.reset()),
    optOut: whenReady('optOut', (t) => t.optOut()),
    optIn: whenReady('optIn', (t) => t.optIn()),
    ready: guarded('ready', (callback: () => void) => {
      if (isReady) setTimeout(callback, 0);
      else emitter.on('ready', callback);
    }),
    on: guarded('on', (name: string, handler: Handler) => emitter.on(name, handler)),
    off: guarded('off', (name: string, handler: Handler) => emitter.off(name, handler)),
  };
  return uptake;
}
