// localStorage that never throws: when storage is missing, full or blocked, values live in memory.
const memory = new Map<string, string>();

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // Access itself throws when cookies are blocked in some browsers.
  }
}

export const storage = {
  get(key: string): string | null {
    try {
      const value = local()?.getItem(key);
      if (value != null) return value;
    } catch {
      // fall through to memory
    }
    return memory.get(key) ?? null;
  },
  set(key: string, value: string): void {
    try {
      const ls = local();
      if (ls) {
        ls.setItem(key, value);
        memory.delete(key);
        return;
      }
    } catch {
      // Quota exceeded or blocked: keep it in memory for this page's life.
    }
    memory.set(key, value);
  },
  remove(key: string): void {
    memory.delete(key);
    try {
      local()?.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
  keys(prefix: string): string[] {
    const found = new Set([...memory.keys()].filter((k) => k.startsWith(prefix)));
    try {
      const ls = local();
      for (let i = 0; ls && i < ls.length; i++) {
        const key = ls.key(i);
        if (key?.startsWith(prefix)) found.add(key);
      }
    } catch {
      // memory keys only
    }
    return [...found];
  },
};

export function readJson<T>(key: string): T | null {
  const raw = storage.get(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    storage.remove(key);
    return null;
  }
}
