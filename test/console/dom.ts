// Mounting console components in happy-dom and waiting for what they load.
import { render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { session, client } from '../../server/console/state.ts';
import { createClient, type SessionInfo } from '../../server/console/api.ts';

const mounted: HTMLElement[] = [];

export async function mount(vnode: VNode): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.append(host);
  mounted.push(host);
  await act(() => render(vnode, host));
  return host;
}

export async function unmountAll(): Promise<void> {
  for (const host of mounted.splice(0)) {
    await act(() => render(null, host));
    host.remove();
  }
}

/** Lets fetches answer and Preact re-render; `until` keeps waiting (up to 5 s) until it holds. */
export async function settle(until?: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  do {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  } while (until && !until() && Date.now() < deadline);
  if (until && !until()) throw new Error('the console never reached the expected state');
}

export async function press(element: Element | null | undefined): Promise<void> {
  if (!element) throw new Error('nothing to press');
  await act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

export async function type(input: Element | null, value: string): Promise<void> {
  const field = input as HTMLInputElement;
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(select: Element | null, value: string): Promise<void> {
  const field = select as HTMLSelectElement;
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export const buttons = (root: ParentNode, name: RegExp | string) =>
  [...root.querySelectorAll('button')].filter((b) => (typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? '')));

/** Signs the console in as a role; with a secret key, the client talks to a real app. */
export function signInAs(role: SessionInfo['user']['role'], secretKey = 'sk_unused'): void {
  client.value = createClient({ secretKey });
  session.value = { user: { id: `u-${role}`, email: `${role}@example.com`, role }, workspace: { id: 'w1', name: 'Test workspace' }, csrfToken: '' };
}

/** Presses a button that downloads a file (the console hands it over as a blob: URL) and resolves to the file. */
export async function download(button: Element): Promise<Blob> {
  const files: Blob[] = [];
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob) => (files.push(blob), 'blob:download');
  try {
    await press(button);
    await settle(() => files.length === 1);
  } finally {
    URL.createObjectURL = createObjectURL;
  }
  return files[0]!;
}
