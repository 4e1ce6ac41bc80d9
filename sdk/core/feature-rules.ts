// No-code feature rules: clicks on matching elements and visits to matching pages become
// `Feature Used` events. One delegated listener serves every rule (also in the pages same-origin
// iframes show); composedPath() lets clicks inside open shadow roots count, and `host >>> inner`
// selectors name them precisely (as message anchors do). Only the feature key is sent — never
// input values or text.
import type { NoCodeRule } from '../../server/protocol/feature.ts';
import { matchesPathPattern } from '../../server/protocol/path-pattern.ts';
import { matchesDeep } from './deep-selector.ts';

const FEATURE_USED = 'Feature Used';

type Rule = { key: string; rule: NoCodeRule };
type Track = (event: string, properties: Record<string, unknown>) => void;

function matches(element: Element, selector: string): boolean {
  try {
    return matchesDeep(element, selector);
  } catch {
    return false; // An invalid selector matches nothing rather than breaking every click.
  }
}

export function watchClickRules(rules: readonly Rule[], track: Track): void {
  const clicks = rules.filter((r): r is { key: string; rule: Extract<NoCodeRule, { type: 'click' }> } => r.rule.type === 'click');
  if (!clicks.length) return;
  const onClick = (event: Event) => {
    // Elements of an iframe's page are not instances of this page's Element: duck-type them.
    const path = event.composedPath().filter((node): node is Element => !!(node as Element).matches);
    for (const { key, rule } of clicks) {
      if (path.some((element) => matches(element, rule.selector))) track(FEATURE_USED, { feature: key, rule: 'click' });
    }
  };
  const listen = (target: EventTarget | null | undefined) => {
    try {
      target?.addEventListener('click', onClick, { capture: true, passive: true }); // the same listener twice is one
    } catch {} // a cross-origin frame: its clicks are not ours to see
  };
  listen(window);
  // Clicks inside same-origin iframes: each page an iframe loads gets the listener.
  document.addEventListener('load', (event) => listen((event.target as HTMLIFrameElement).contentWindow), true);
  for (const frame of document.querySelectorAll('iframe')) listen(frame.contentWindow);
}

export function trackUrlRules(rules: readonly Rule[], path: string, track: Track): void {
  for (const { key, rule } of rules) {
    if (rule.type === 'url' && matchesPathPattern(rule.pattern, path)) track(FEATURE_USED, { feature: key, rule: 'url' });
  }
}
