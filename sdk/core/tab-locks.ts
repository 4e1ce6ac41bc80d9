// Which tabs are alive, so a queue left behind by a closed tab is reclaimed by exactly one
// other tab. Web Locks tell it exactly; without them a heartbeat older than STALE_MS does.
export const STALE_MS = 30_000;

type Locks = {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
  request(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
};

const locks = (): Locks | undefined => (globalThis.navigator as unknown as { locks?: Locks } | undefined)?.locks;

const TAB_LOCK = 'uptake:v1:tab:';

/** Holds a lock named after this tab for as long as the page lives. */
export function holdTabLock(tabId: string): void {
  locks()
    ?.request(TAB_LOCK + tabId, () => new Promise(() => {}))
    .catch(() => {});
}

/** Ids of tabs currently alive, or null when the browser cannot tell. */
export async function liveTabs(): Promise<Set<string> | null> {
  const api = locks();
  if (!api) return null;
  try {
    const { held = [] } = await api.query();
    return new Set(held.flatMap((l) => (l.name?.startsWith(TAB_LOCK) ? [l.name.slice(TAB_LOCK.length)] : [])));
  } catch {
    return null;
  }
}

/** Runs `fn` while no other tab runs it; without Web Locks it just runs. */
export async function exclusively(name: string, fn: () => void | Promise<void>): Promise<void> {
  const api = locks();
  if (!api) return fn();
  await api.request(name, async () => fn());
}
