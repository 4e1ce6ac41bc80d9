// The hash router: #/accounts?health=red is a link anyone can share, and every filter lives in it.
import { computed, signal } from '@preact/signals';

export interface Route {
  /** Path segments, decoded: #/accounts/acme → ["accounts", "acme"]. */
  path: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  // Anything that is not a route (e.g. a one-time #key=…) opens the overview.
  if (!hash.startsWith('#/')) return { path: [], query: new URLSearchParams() };
  const [path = '', query = ''] = hash.slice(2).split('?', 2);
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export type QueryValues = Record<string, string | number | readonly string[] | null | undefined>;

/** `href(["accounts"], { health: ["red"] })` → "#/accounts?health=red"; empty values are left out. */
export function href(path: readonly string[], query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value.join(',') : value === null || value === undefined ? '' : String(value);
    if (text !== '') params.set(name, text);
  }
  const search = params.toString().replace(/%2C/g, ',');
  return `#/${path.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

export const route = signal<Route>(parseRoute(location.hash));
/** The first path segment: which screen is open. */
export const screen = computed(() => route.value.path[0] ?? 'overview');

const follow = () => {
  route.value = parseRoute(location.hash);
};
// Back and Forward across pushState entries fire popstate; typed or followed links fire hashchange.
addEventListener('hashchange', follow);
addEventListener('popstate', follow);

/**
 * Goes to a route. `replace` keeps the browser history short while someone types into a
 * filter; clicks add history entries so Back undoes them.
 */
export function navigate(to: string, { replace = false } = {}): void {
  if (location.hash === to) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  route.value = parseRoute(to);
}
