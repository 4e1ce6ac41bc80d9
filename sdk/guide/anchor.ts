// Waits for a message's anchor element: single-page apps often render it after we decide.
//
// Inside web components: `app-shell >>> #export` is #export inside app-shell's open shadow root
// (each `>>>` enters one more). document.querySelector never looks into shadow roots, and a
// MutationObserver on the document never hears what changes inside them, so each shadow root on
// the way is observed as soon as it is reached.
import { warnOnce } from '../core/log.ts';

export const ANCHOR_TIMEOUT_MS = 5000;

/** The element a selector names now, or null; `enter` sees each shadow root searched on the way. */
function queryAnchor(selector: string, enter: (root: ShadowRoot) => void): Element | null {
  let scope: ParentNode = document;
  let found: Element | null = null;
  for (const part of selector.split('>>>')) {
    if (found) {
      if (!found.shadowRoot) return null;
      enter(found.shadowRoot);
      scope = found.shadowRoot;
    }
    found = scope.querySelector(part.trim());
    if (!found) return null;
  }
  return found;
}

export function waitForElement(selector: string, timeoutMs = ANCHOR_TIMEOUT_MS): Promise<Element | null> {
  return new Promise((resolve) => {
    const watched = new Set<Node>();
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(element: Element | null) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(element);
    }
    function watch(root: Node) {
      if (watched.has(root)) return;
      watched.add(root);
      observer.observe(root, { childList: true, subtree: true, attributes: true });
    }
    function check() {
      let element: Element | null;
      try {
        element = queryAnchor(selector, watch);
      } catch {
        warnOnce(`selector:${selector}`, `the anchor selector "${selector}" is not valid CSS; fix it in the campaign`);
        return finish(null);
      }
      if (element) finish(element);
    }
    watch(document.documentElement);
    check();
  });
}
