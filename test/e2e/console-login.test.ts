// Signing in to the console in real Chromium: the form by keyboard, its error messages, the
// workspace question, the httpOnly cookie, staying signed in, signing out, and returning to the
// form when the server ends the session.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogin } from '../../server/console-auth/create-login.ts';
import { listen, type RunningServer } from '../../server/index.ts';
import type { Store, Workspace } from '../../server/store/store.ts';
import { launchChromium } from '../chromium.ts';
import { freePort, tempSqliteStore } from '../harness.ts';

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: RunningServer;
let store: Store;
let cleanup: () => void;
let url: string;
let acme: Workspace;
let globex: Workspace;

beforeAll(async () => {
  ({ store, cleanup } = tempSqliteStore());
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  acme = await store.createWorkspace('Acme');
  globex = await store.createWorkspace('Globex');
  await createLogin(store.sql, acme.id, { email: 'ana@acme.example', role: 'viewer' }, PASSWORD);
  await createLogin(store.sql, acme.id, { email: 'bo@acme.example', role: 'editor' }, PASSWORD);
  await createLogin(store.sql, acme.id, { email: 'cy@both.example', role: 'viewer' }, PASSWORD);
  await createLogin(store.sql, globex.id, { email: 'cy@both.example', role: 'admin' }, PASSWORD);
  [server, browser] = await Promise.all([listen(createApp({ store, publicUrl: url }), store, { port, host: '127.0.0.1' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  cleanup?.();
});

async function loginPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/console/`);
  await page.getByLabel('Email').waitFor();
  return page;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

describe('the console sign-in form', () => {
  it('is used by keyboard alone, says a wrong password plainly, and then signs in', async () => {
    const page = await loginPage();
    expect(await focusedId(page)).toBe('login-email');
    await page.keyboard.type('ana@acme.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('alert').textContent()).toBe('Wrong email or password.');
    // The password is selected, ready to be typed again.
    expect(await focusedId(page)).toBe('login-password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('header').textContent()).toContain('ana@acme.example');
    expect(await page.locator('header').textContent()).toContain('Acme');

    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'uptake_session', httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('asks for the workspace when the email signs in to several', async () => {
    const page = await loginPage();
    await page.getByLabel('Email').fill('cy@both.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Workspace').waitFor();
    expect(await focusedId(page)).toBe('login-workspace');
    expect(await page.getByRole('alert').textContent()).toContain('several workspaces');
    await page.keyboard.type('Globex');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('header').textContent()).toContain('Globex');
  });

  it('signs out: the server forgets the session and the form comes back', async () => {
    const page = await loginPage();
    await page.getByLabel('Email').fill('bo@acme.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    expect((await page.request.get(`${url}/api/v1/session`)).status()).toBe(401);
  });

  it('returns to the form when the server ends the session', async () => {
    const page = await loginPage();
    await page.getByLabel('Email').fill('bo@acme.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await store.sql.batch([['DELETE FROM console_sessions', []]]);
    // The next screen's request is refused with 401.
    await page.goto(`${url}/console/#/accounts`);
    await page.getByLabel('Email').waitFor();
  });
});
