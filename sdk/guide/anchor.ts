// Waits for a message's anchor element: single-page apps often render it after we decide.
import { warnOnce } from '../core/log.ts';

export const ANCHOR_TIMEOUT_MS = 5000;

export function waitForElement(selector: string, timeoutMs = ANCHOR_TIMEOUT_MS): Promise<Element | null> {
  let found: Element | null;
  try {
    found = document.querySelector(selector);
  } catch {
    warnOnce(`selector:${selector}`, `the anchor selector "${selector}" is not valid CSS; fix it in the campaign`);
    return Promise.resolve(null);
  }
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const element = document.querySelector(selector);
      if (element) finish(element);
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(element: Element | null) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(element);
    }
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  });
}
