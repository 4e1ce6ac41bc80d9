// @vitest-environment happy-dom
// Changing one's own password in the console against the real server: reached from the header,
// open to viewers, the server's refusals beside the field they are about, a mistyped repeat
// caught before anything is sent, and nothing to change for a console opened with the secret key.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../server/console/api.ts';
import { client, sessionChecked, signIn } from '../../server/console/state.ts';
import { notice } from '../../server/console/state/notice.ts';
import { navigate } from '../../server/console/state/route.ts';
import { App } from '../../server/console/views/app.tsx';
import { buttons, mount, press, settle, type, unmountAll } from './dom.ts';
import { type ConsoleServer, consoleServer } from './server.ts';

let server: ConsoleServer;
beforeAll(async () => {
  server = await consoleServer();
});
afterAll(() => server?.close());
afterEach(unmountAll);

const NEW_PASSWORD = 'quiet clinics renew too';

const field = (host: HTMLElement, label: string) => {
  const element = [...host.querySelectorAll('label')].find((l) => l.textContent === label);
  if (!element) throw new Error(`no field labelled ${label}`);
  return host.querySelector<HTMLInputElement>(`#${CSS.escape(element.htmlFor)}`)!;
};
const errorBeside = (host: HTMLElement, label: string) => field(host, label).closest('.field')!.querySelector('.field-error')?.textContent ?? null;

/** Whether this email and password open a session (a fresh sign-in, as on the login form). */
const signsIn = (email: string, password: string) => createClient(null).signIn({ email, password }).then(() => true, () => false);

async function openPasswordScreen(): Promise<HTMLElement> {
  sessionChecked.value = true;
  navigate('#/overview');
  const host = await mount(<App />);
  expect(host.querySelector('header a[href="#/password"]')!.textContent).toBe('Change password');
  navigate('#/password');
  await settle(() => host.querySelector('h1')?.textContent === 'Your password');
  return host;
}

async function submit(host: HTMLElement, current: string, next: string, again: string): Promise<void> {
  await type(field(host, 'Current password'), current);
  await type(field(host, 'New password'), next);
  await type(field(host, 'New password again'), again);
  await press(buttons(host, 'Change password')[0]);
}

describe('changing one’s password', () => {
  it('lets a viewer change theirs from the header: they stay signed in, and only the new password signs in from then on', async () => {
    const login = await server.signInWithSession('viewer');
    const host = await openPasswordScreen();
    await submit(host, login.password, NEW_PASSWORD, NEW_PASSWORD);
    await settle(() => notice.value === 'Password changed. You stay signed in here; your other sessions were signed out.');
    expect(['Current password', 'New password', 'New password again'].map((label) => field(host, label).value)).toEqual(['', '', '']);
    expect((await client.value!.session()).user.email).toBe(login.email);
    expect(await signsIn(login.email, NEW_PASSWORD)).toBe(true);
    expect(await signsIn(login.email, login.password)).toBe(false);
  });

  it('says beside each field what is wrong: two new passwords that differ (sent nowhere), a wrong current password, a short new one', async () => {
    const login = await server.signInWithSession('editor');
    const host = await openPasswordScreen();

    await submit(host, login.password, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(errorBeside(host, 'New password again')).toBe('the two new passwords differ; type the same one twice');
    expect(field(host, 'New password again').getAttribute('aria-invalid')).toBe('true');
    expect(await signsIn(login.email, login.password)).toBe(true);

    await submit(host, 'not my password', NEW_PASSWORD, NEW_PASSWORD);
    await settle(() => errorBeside(host, 'Current password') !== null);
    expect(errorBeside(host, 'Current password')).toBe('the current password is not right');
    expect(errorBeside(host, 'New password again')).toBeNull();

    await submit(host, login.password, 'too short', 'too short');
    await settle(() => errorBeside(host, 'New password') !== null);
    expect(errorBeside(host, 'New password')).toBe('the new password needs at least 12 characters');
    expect(errorBeside(host, 'Current password')).toBeNull();
    expect(await signsIn(login.email, login.password)).toBe(true);
  });

  it('has nothing to change when the console was opened with the secret key', async () => {
    server.signIn('admin');
    expect(await signIn(server.keys.secretKey)).toBe(true);
    sessionChecked.value = true;
    navigate('#/password');
    const host = await mount(<App />);
    expect(host.querySelector('header a[href="#/password"]')).toBeNull();
    expect(host.querySelector('#password')!.textContent).toContain('opened the console with the workspace’s secret key');
    expect(host.querySelector('form')).toBeNull();
  });
});
