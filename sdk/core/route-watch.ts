// Single-page apps change URL without loading a page. history.pushState and replaceState are
// wrapped once per page, however many copies of the SDK run, keeping any wrapper another
// library installed before us; the wrapper announces changes with a window event.
const PATCHED = Symbol.for('uptake.history-patched');
const ROUTE_EVENT = 'uptake:route';

function patch(method: 'pushState' | 'replaceState'): void {
  const original = history[method];
  history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
    const result = original.apply(this, args);
    dispatchEvent(new Event(ROUTE_EVENT));
    return result;
  };
}

/** Calls `listener` with the new URL whenever the page's URL really changes. */
export function onRouteChange(listener: (url: string) => void): void {
  const marked = history as unknown as Record<symbol, boolean>;
  if (!marked[PATCHED]) {
    marked[PATCHED] = true;
    patch('pushState');
    patch('replaceState');
  }
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    listener(last);
  };
  addEventListener(ROUTE_EVENT, check);
  addEventListener('popstate', check);
  // The Navigation API also sees navigations that bypass history.pushState.
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', check);
}
