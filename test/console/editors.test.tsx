// @vitest-environment happy-dom
// Definition editors against the real admin API: the server's refusal beside the field it names,
// "Preview effect" showing current → proposed counts without saving, saving a new version with
// its history, and no edit controls for viewers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../server/console/state.ts';
import { notice } from '../../server/console/state/notice.ts';
import { HealthScreen } from '../../server/console/views/definitions/health.tsx';
import { TiersScreen } from '../../server/console/views/definitions/tiers.tsx';
import { buttons, mount, press, settle, type, unmountAll } from './dom.ts';
import { type ConsoleServer, consoleServer } from './server.ts';

let server: ConsoleServer;
beforeAll(async () => {
  server = await consoleServer();
});
afterAll(() => server?.close());
afterEach(unmountAll);

const healthVersions = async () => ((await (await server.admin('GET', '/api/v1/health/versions')).json()) as { versions: unknown[] }).versions.length;

const field = (host: HTMLElement, label: string) => {
  const element = [...host.querySelectorAll('label')].find((l) => l.textContent === label);
  return host.querySelector<HTMLInputElement>(`#${CSS.escape(element!.htmlFor)}`)!;
};

async function openHealth(): Promise<HTMLElement> {
  const host = await mount(<HealthScreen />);
  await settle(() => !!host.querySelector('form.editor'));
  return host;
}

describe('the health score editor', () => {
  it('shows the server’s validation message next to the field it names, and at the top of the form', async () => {
    server.signIn('editor');
    const before = await healthVersions();
    const host = await openHealth();
    await type(field(host, 'Yellow at or above'), '90');
    await press(buttons(host, 'Save as a new version')[0]);
    await settle(() => !!host.querySelector('.field-error'));
    expect(host.querySelector('.error-note')!.textContent).toBe('thresholds.yellow: yellow must be below green');
    const yellow = field(host, 'Yellow at or above');
    expect(yellow.getAttribute('aria-invalid')).toBe('true');
    expect(yellow.closest('.field')!.querySelector('.field-error')!.textContent).toBe('yellow must be below green');
    expect(await healthVersions()).toBe(before);
  });

  it('previews how many accounts would be green, yellow and red before saving, and saves nothing', async () => {
    server.signIn('editor');
    const before = await healthVersions();
    const host = await openHealth();
    // The quiet clinic is red under the built-in score; with yellow from 0 nobody is.
    await type(field(host, 'Yellow at or above'), '0');
    await type(field(host, 'Green at or above'), '1');
    await press(buttons(host, 'Preview effect')[0]);
    await settle(() => !!host.querySelector('.preview'));
    const preview = host.querySelector('.preview')!;
    expect(preview.querySelector('h3')!.textContent).toMatch(/^If you save: \d+ accounts? changes?$/);
    const rows = Object.fromEntries([...preview.querySelectorAll('tr')].map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    expect(rows['Red']).toMatch(/→ 0/);
    expect(preview.querySelectorAll('.changes a').length).toBeGreaterThan(0);
    expect(await healthVersions()).toBe(before);
  });

  it('saves a new version, says so, and lists it with who saved it', async () => {
    server.signIn('editor');
    const host = await openHealth();
    await type(field(host, 'Green at or above'), '80');
    const next = (await healthVersions()) + 1;
    await press(buttons(host, 'Save as a new version')[0]);
    await settle(() => notice.value === `Saved health score as version ${next}`);
    const saved = await client.value!.health.get();
    expect(saved).toMatchObject({ version: next, thresholds: { green: 80 } });
    await settle(() => host.querySelectorAll('.versions tbody tr').length === next);
    expect(host.querySelector('.versions tbody tr')!.textContent).toContain('api');
  });

  it('adds and removes components, keeping 2–3', async () => {
    server.signIn('editor');
    const host = await openHealth();
    expect(host.querySelectorAll('fieldset legend')[0]!.textContent).toBe('Component 1');
    expect(buttons(host, 'Add a component')).toHaveLength(0);
    await press(buttons(host, /Remove component 3/)[0]);
    expect(host.querySelectorAll('fieldset.row-group').length).toBe(3);
    expect(buttons(host, 'Add a component')).toHaveLength(1);
  });

  it('shows viewers the definition with no control that changes it', async () => {
    server.signIn('viewer');
    const host = await openHealth();
    expect(field(host, 'Green at or above').disabled).toBe(true);
    expect(buttons(host, /Save|Preview|Remove|Add/)).toHaveLength(0);
  });
});

describe('the tiers editor', () => {
  it('shows the band each tier covers and previews accounts per cell', async () => {
    server.signIn('admin');
    const host = await mount(<TiersScreen />);
    await settle(() => host.querySelectorAll('form.editor').length === 2);
    expect(host.textContent).toContain('21+');
    expect(host.textContent).toContain('11–20');
    expect(host.textContent).toContain('12+ months');
    await press(buttons(host, 'Preview effect')[0]);
    await settle(() => !!host.querySelector('.preview'));
    expect(host.querySelector('.preview caption')!.textContent).toBe('Accounts by seat/tenure tier');
  });

  it('names the tier list the server refuses', async () => {
    server.signIn('admin');
    const host = await mount(<TiersScreen />);
    await settle(() => host.querySelectorAll('form.editor').length === 2);
    await type(field(host, 'From (users)'), '1');
    await press(buttons(host, 'Save as a new version')[0]);
    await settle(() => !!host.querySelector('.field-error'));
    expect(host.querySelector('.field-error')!.textContent).toBe('list seat tiers from the most active users down, each with a lower minimum');
  });
});
