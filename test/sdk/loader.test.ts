// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

// The built snippet, exactly as customers paste it (npm test builds before testing).
const loader = readFileSync(resolve(import.meta.dirname, '../../dist/sdk/loader.js'), 'utf8');
const run = (code: string) => new Function(code)();

type Stub = { __q: [string, unknown[]][]; init(o: object): void; track(e: string): void; identify(id: string): void };
const stub = () => (window as unknown as { uptake: Stub }).uptake;

beforeEach(() => {
  delete (window as unknown as { uptake?: unknown }).uptake;
  document.head.innerHTML = '';
});

describe('the snippet', () => {
  it('records calls made before the SDK arrives, in order', () => {
    run(loader);
    stub().identify('u1');
    stub().track('Clicked');
    expect(stub().__q).toEqual([
      ['identify', ['u1']],
      ['track', ['Clicked']],
    ]);
  });

  it('loads the SDK bundle from the host named in init, once', () => {
    run(loader);
    stub().init({ writeKey: 'wk_1', host: 'https://uptake.example/' });
    stub().init({ writeKey: 'wk_1', host: 'https://uptake.example/' });
    const scripts = document.head.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.src).toBe('https://uptake.example/sdk/uptake.js');
    expect(scripts[0]!.async).toBe(true);
  });

  it('does nothing the second time it is pasted', () => {
    run(loader);
    stub().track('first');
    const before = stub();
    run(loader);
    expect(stub()).toBe(before);
    expect(stub().__q).toHaveLength(1);
  });
});
