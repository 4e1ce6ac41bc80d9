// CSS selectors that reach into web components and same-origin iframes: `app-shell >>> #export`
// is #export inside app-shell's open shadow root, and `iframe#editor >>> .bold` is .bold in the
// document that iframe shows (each `>>>` enters one more). Used by message anchors and by click
// feature rules, so one selector names the same element for both. Invalid CSS throws, as
// querySelector does.

const parts = (selector: string) => selector.split('>>>').map((part) => part.trim());

/** The element a selector names now, or null; `enter` sees each shadow root or frame document searched on the way. */
export function querySelectorDeep(selector: string, enter: (root: Document | ShadowRoot) => void = () => {}): Element | null {
  let scope: ParentNode = document;
  let found: Element | null = null;
  for (const part of parts(selector)) {
    if (found) {
      // A cross-origin frame's document is null to us: its elements cannot be named.
      const inner = (found as HTMLIFrameElement).contentDocument ?? found.shadowRoot;
      if (!inner) return null;
      enter(inner);
      scope = inner;
    }
    found = scope.querySelector(part);
    if (!found) return null;
  }
  return found;
}

/** Whether `element` is one querySelectorDeep could name: it matches the last part, and its hosts the ones before. */
export function matchesDeep(element: Element, selector: string): boolean {
  const list = parts(selector);
  let current = element;
  for (let i = list.length - 1; ; i--) {
    if (!current.matches(list[i]!)) return false;
    const root = current.getRootNode() as Document | ShadowRoot;
    if (i === 0) return list.length === 1 || root === document;
    // Up to the shadow root's host, or to the iframe showing this page.
    const host = 'host' in root ? root.host : root.defaultView?.frameElement;
    if (!host) return false;
    current = host;
  }
}
