// Waits for a message's anchor element: single-page apps often render it after we decide.
// Anchors may sit inside web components and same-origin iframes (core/deep-selector.ts). A
// MutationObserver on the document never hears what changes inside a shadow root or a frame, so
// each one on the way to the anchor is observed as soon as it is reached; and since a frame's
// document is replaced when it loads, a load inside any of them looks again.
import { querySelectorDeep } from '../core/deep-selector.ts';
import { warnOnce } from '../core/log.ts';

export const ANCHOR_TIMEOUT_MS = 5000;

export function waitForElement(selector: string, timeoutMs = ANCHOR_TIMEOUT_MS): Promise<Element | null> {
  return new Promise((resolve) => {
    const watched = new Set<Node>();
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(element: Element | null) {
      observer.disconnect();
      for (const root of watched) root.removeEventListener('load', check, true);
      clearTimeout(timer);
      resolve(element);
    }
    function watch(root: Node) {
      if (watched.has(root)) return;
      watched.add(root);
      observer.observe(root, { childList: true, subtree: true, attributes: true });
      root.addEventListener('load', check, true);
    }
    function check() {
      let element: Element | null;
      try {
        element = querySelectorDeep(selector, watch);
      } catch {
        warnOnce(`selector:${selector}`, `the anchor selector "${selector}" is not valid CSS; fix it in the campaign`);
        return finish(null);
      }
      if (element) finish(element);
    }
    watch(document);
    check();
  });
}
