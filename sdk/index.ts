// Script-tag bundle entry: takes over from the snippet's stub and replays its queued calls.
import type { Widgets } from './guide/widgets-api.ts';
import { createUptake, type Uptake } from './uptake.ts';

interface Stub {
  /** Calls recorded by the snippet before this bundle arrived: [method, args]. */
  __q?: [keyof Uptake, unknown[]][];
  /** Set once the real SDK runs, so a second copy of the bundle does nothing. */
  __sdk?: boolean;
}

const w = window as unknown as { uptake?: Stub & Partial<Uptake> };
const existing = w.uptake;

if (!existing?.__sdk) {
  // The widgets chunk is a separate ES module served next to this bundle.
  const loadWidgets = (host: string) => import(/* @vite-ignore */ `${host}/sdk/widgets.js`) as Promise<Widgets>;
  const script = document.currentScript as HTMLScriptElement | null;
  // Lit gives its fallback <style> elements this nonce, for pages with a strict style-src.
  if (script?.nonce) (window as { litNonce?: string }).litNonce ??= script.nonce;
  const defaultHost = script?.src ? new URL(script.src).origin : undefined;
  const uptake = Object.assign(createUptake({ loadWidgets, ...(defaultHost ? { defaultHost } : {}) }), { __sdk: true });
  const queued = existing?.__q ?? [];
  w.uptake = uptake;
  // init first (wherever it was called), then everything else in the order it was called.
  queued.sort(([a], [b]) => Number(b === 'init') - Number(a === 'init'));
  for (const [name, args] of queued) (uptake[name] as (...a: unknown[]) => void)?.(...args);
}
