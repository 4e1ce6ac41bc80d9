// TRUST_PROXY: behind a reverse proxy every sign-in arrives from the proxy's address. Opted in,
// the limit counts the client's address from X-Forwarded-For; by default the header is ignored,
// since anyone can write it.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogin } from '../../server/console-auth/create-login.ts';
import { MAX_FAILURES_PER_EMAIL_AND_IP } from '../../server/console-auth/login-limit.ts';
import { loadConfig } from '../../server/env.ts';
import { consoleFixture, PASSWORD } from './console-auth-fixture.ts';

const PROXY = '10.0.0.2';
const EMAIL = 'ana@clinic.example';

let f: Awaited<ReturnType<typeof consoleFixture>> | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function fixture(trustedProxyHops?: number) {
  f = await consoleFixture(trustedProxyHops === undefined ? {} : { trustedProxyHops });
  await createLogin(f.store.sql, f.workspace.id, { email: EMAIL, role: 'admin' }, PASSWORD);
  return f;
}

/** A sign-in that reached the server through the proxy, with the header the proxy (and maybe the client) wrote. */
const through = (fx: NonNullable<typeof f>, forwardedFor: string, password = PASSWORD) =>
  fx.login(EMAIL, password, { ip: PROXY, headers: { 'x-forwarded-for': forwardedFor } });

async function guessFrom(fx: NonNullable<typeof f>, forwardedFor: string) {
  for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) expect((await through(fx, forwardedFor, `guess ${i}`)).status).toBe(401);
}

describe('TRUST_PROXY in the environment', () => {
  it('is off unless set, "true" trusts one proxy, a number that many', () => {
    expect(loadConfig({}).trustedProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustedProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustedProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustedProxyHops).toBe(2);
  });

  it('refuses to start on anything else, saying what it expects', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY: expected "true" \(one proxy\) or the number of proxies/);
    expect(() => loadConfig({ TRUST_PROXY: '-1' })).toThrow(/TRUST_PROXY/);
  });
});

describe('sign-in limit without TRUST_PROXY', () => {
  it('counts the connection’s address and ignores X-Forwarded-For, so a forged header does not reset the count', async () => {
    const fx = await fixture();
    await guessFrom(fx, '198.51.100.1');
    // The same guesser claiming to be someone else is still the same connection.
    const blocked = await through(fx, '198.51.100.99');
    expect(blocked.status).toBe(429);
  });
});

describe('sign-in limit with TRUST_PROXY=1', () => {
  it('keeps a separate count per client behind the proxy', async () => {
    const fx = await fixture(1);
    await guessFrom(fx, '198.51.100.1');
    expect((await through(fx, '198.51.100.1')).status).toBe(429);
    // A colleague behind the same proxy still signs in.
    expect((await through(fx, '192.0.2.20')).status).toBe(200);
  });

  it('believes only the entry the proxy appended, not what the client wrote before it', async () => {
    const fx = await fixture(1);
    await guessFrom(fx, '198.51.100.1');
    // The guesser sends its own X-Forwarded-For; the proxy appends the real address after it.
    expect((await through(fx, '192.0.2.20, 198.51.100.1')).status).toBe(429);
  });

  it('uses the connection’s address when a request arrives without the header', async () => {
    const fx = await fixture(1);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) await fx.login(EMAIL, `guess ${i}`, { ip: PROXY });
    expect((await fx.login(EMAIL, PASSWORD, { ip: PROXY })).status).toBe(429);
    expect((await through(fx, '192.0.2.20')).status).toBe(200);
  });
});

describe('sign-in limit with TRUST_PROXY=2', () => {
  it('takes the address two hops back: the one the outer proxy saw', async () => {
    const fx = await fixture(2);
    // client → CDN (appends the client) → load balancer (appends the CDN) → server
    await guessFrom(fx, '198.51.100.1, 172.16.0.5');
    expect((await through(fx, '198.51.100.1, 172.16.0.5')).status).toBe(429);
    expect((await through(fx, '192.0.2.20, 172.16.0.5')).status).toBe(200);
  });
});
