// Keeps the reads every ingest and decide request makes — the workspace behind a write key,
// its features, its live and paused campaigns — in memory for a moment. Writes through this store
// clear what they change at once; changes made by another server instance show within `ttlMs`.
import type { Store } from './store.ts';

/** How long a cached read may be served. Default 2 s. */
export const READ_CACHE_TTL_MS = 2000;

function memo<A extends string, R>(load: (key: A) => Promise<R>, ttlMs: number) {
  const entries = new Map<string, { at: number; value: Promise<R> }>();
  const get = (key: A): Promise<R> => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = load(key);
    entries.set(key, { at: Date.now(), value });
    value.catch(() => entries.delete(key));
    if (entries.size > 10_000) entries.delete(entries.keys().next().value!);
    return value;
  };
  return Object.assign(get, { clear: () => entries.clear() });
}

/** Clears of the workspaces each cached store holds, for changes made beside the Store interface. */
const workspaceClears = new WeakMap<Store, () => void>();

/** Forgets cached workspaces at once (after a key rotation); nothing for a store without a cache. */
export function forgetCachedWorkspaces(store: Store): void {
  workspaceClears.get(store)?.();
}

export function withReadCache(store: Store, ttlMs = READ_CACHE_TTL_MS): Store {
  const byWriteKey = memo((key: string) => store.workspaceByWriteKey(key), ttlMs);
  const features = memo((ws: string) => store.listFeatures(ws), ttlMs);
  // Decide reads the live campaigns; ingest also the paused ones, whose goals it keeps recording.
  const CACHED_STATUSES: ReadonlySet<string> = new Set(['live', 'paused']);
  const campaignsIn = memo((key: string) => {
    const [ws, status] = key.split('\u0000') as [string, 'live' | 'paused'];
    return store.listCampaigns(ws, { status });
  }, ttlMs);
  const overrides: Partial<Store> = {
    workspaceByWriteKey: byWriteKey,
    async updateWorkspaceSettings(id, settings) {
      const updated = await store.updateWorkspaceSettings(id, settings);
      byWriteKey.clear();
      return updated;
    },
    listFeatures: features,
    async saveFeature(ws, input, author) {
      const saved = await store.saveFeature(ws, input, author);
      features.clear();
      return saved;
    },
    listCampaigns: (ws, filter) => (filter?.status && CACHED_STATUSES.has(filter.status) ? campaignsIn(`${ws}\u0000${filter.status}`) : store.listCampaigns(ws, filter)),
    async createCampaign(ws, input, author) {
      const created = await store.createCampaign(ws, input, author);
      campaignsIn.clear();
      return created;
    },
    async updateCampaign(ws, id, input, change) {
      const updated = await store.updateCampaign(ws, id, input, change);
      campaignsIn.clear();
      return updated;
    },
  };
  // Everything not overridden goes straight to the store, whatever kind of object it is.
  const cached = new Proxy(store, {
    get(target, property, receiver) {
      if (property in overrides) return overrides[property as keyof Store];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  workspaceClears.set(cached, byWriteKey.clear);
  return cached;
}
