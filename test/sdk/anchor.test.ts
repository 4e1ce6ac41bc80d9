// @vitest-environment happy-dom
// Finding a message's anchor: in the page, and inside web components' open shadow roots
// (`host >>> inner`), including elements a component renders after the decision came back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForElement } from '../../sdk/guide/anchor.ts';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function host(tag: string, inner = ''): ShadowRoot {
  const element = document.createElement(tag);
  document.body.append(element);
  const root = element.attachShadow({ mode: 'open' });
  root.innerHTML = inner;
  return root;
}

describe('anchors inside shadow roots', () => {
  it('finds an element inside an open shadow root, through nested components', async () => {
    const outer = host('app-shell', '<clinic-toolbar></clinic-toolbar>');
    outer.querySelector('clinic-toolbar')!.attachShadow({ mode: 'open' }).innerHTML = '<button id="export">Export</button>';
    const found = await waitForElement('app-shell >>> clinic-toolbar >>> #export', 200);
    expect(found?.textContent).toBe('Export');
  });

  it('waits for an element a component renders into its shadow root later', async () => {
    const root = host('clinic-toolbar');
    const waiting = waitForElement('clinic-toolbar >>> #export', 2000);
    await tick(50);
    const button = document.createElement('button');
    button.id = 'export';
    root.append(button);
    expect(await waiting).toBe(button);
  });

  it('gives up at the timeout when the host has no open shadow root', async () => {
    document.body.innerHTML = '<clinic-toolbar><button id="export"></button></clinic-toolbar>';
    expect(await waitForElement('clinic-toolbar >>> #export', 100)).toBeNull();
  });

  it('never throws into the page for a selector part that turns out invalid once its host appears', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const waiting = waitForElement('late-host >>> ##broken', 2000);
    await tick(20);
    host('late-host', '<p>inside</p>');
    expect(await waiting).toBeNull();
    expect(warn.mock.calls.flat().join(' ')).toContain('##broken');
  });
});
