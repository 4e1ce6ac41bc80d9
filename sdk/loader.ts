// The snippet a product team pastes. It defines window.uptake as a stub that records calls
// and loads the SDK bundle asynchronously once init() names the host (or the script tag's
// data-write-key / data-host attributes do). Loaded twice, it does nothing the second time.
((w: Window & { uptake?: Record<string, unknown> }, d: Document) => {
  if (w.uptake) return;
  const queue: unknown[] = [];
  const stub: Record<string, unknown> = { __q: queue };
  const me = d.currentScript as HTMLScriptElement | null;
  let loading = false;
  const load = (options?: { host?: string }) => {
    if (loading) return;
    loading = true;
    const s = d.createElement('script');
    s.async = true;
    // Carry a CSP nonce over so pages with a strict script-src still load us.
    if (me?.nonce) s.nonce = me.nonce;
    s.src = `${(options?.host || (me?.src ? new URL(me.src).origin : '')).replace(/\/$/, '')}/sdk/uptake.js`;
    d.head.appendChild(s);
  };
  'init identify group track page reset optOut optIn ready on off'.split(' ').forEach((name) => {
    stub[name] = (...args: unknown[]) => {
      queue.push([name, args]);
      if (name === 'init') load(args[0] as { host?: string });
    };
  });
  w.uptake = stub;
  const data = me?.dataset;
  if (data?.writeKey) (stub.init as (o: object) => void)({ writeKey: data.writeKey, host: data.host || new URL(me!.src).origin });
})(window, document);
