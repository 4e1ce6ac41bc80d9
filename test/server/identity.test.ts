import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkIdentityToken, signIdentityToken } from '../../server/engine/identity-token.ts';
import { appFixture, trackEvent } from './app-fixture.ts';

const SECRET = 'a-very-long-secret-for-identity-tokens-0001';
const NEXT_SECRET = 'a-very-long-secret-for-identity-tokens-0002';
const now = 1_800_000_000;
const sign = (claims: Partial<{ sub: string; exp: number; accountId: string }> = {}, secret = SECRET) =>
  signIdentityToken({ sub: 'u1', exp: now + 600, ...claims }, secret);
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('identity tokens', () => {
  const check = (token: string | undefined, expected: { userId: string; accountId?: string } = { userId: 'u1' }) =>
    checkIdentityToken(token, expected, [SECRET, NEXT_SECRET], now);

  it.each<[string, string | undefined, string | null]>([
    ['a valid token', sign(), null],
    ['a token signed with the second (rotation) secret', sign({}, NEXT_SECRET), null],
    ['no token', undefined, 'missing_token'],
    ['a token over 4 KB', `${'a'.repeat(4097)}`, 'token_too_large'],
    ['not a JWT', 'abc.def', 'malformed_token'],
    ['garbage parts', 'x.y.z', 'malformed_token'],
    ['alg none', `${b64({ alg: 'none' })}.${b64({ sub: 'u1', exp: now + 60 })}.`, 'unsupported_algorithm'],
    ['alg RS256', `${b64({ alg: 'RS256' })}.${b64({ sub: 'u1', exp: now + 60 })}.sig`, 'unsupported_algorithm'],
    ['another secret', sign({}, 'someone-elses-secret-that-is-long-enough'), 'bad_signature'],
    ['a tampered payload', (() => { const [h, , s] = sign().split('.'); return `${h}.${b64({ sub: 'admin', exp: now + 60 })}.${s}`; })(), 'bad_signature'],
    ['expired beyond the 30 s skew', sign({ exp: now - 31 }), 'token_expired'],
    ['no exp claim', (() => signIdentityToken({ sub: 'u1' } as never, SECRET))(), 'token_expired'],
    ['another user', sign({ sub: 'u2' }), 'subject_mismatch'],
  ])('%s', (_name, token, problem) => {
    expect(check(token)).toBe(problem);
  });

  it('accepts a token that expired within the 30 s skew', () => {
    expect(check(sign({ exp: now - 29 }))).toBeNull();
  });

  it('checks the account only when the token names one', () => {
    expect(check(sign({ accountId: 'a1' }), { userId: 'u1', accountId: 'a2' })).toBe('account_mismatch');
    expect(check(sign({ accountId: 'a1' }), { userId: 'u1', accountId: 'a1' })).toBeNull();
    expect(check(sign(), { userId: 'u1', accountId: 'a2' })).toBeNull();
  });
});

describe('identity verification on ingest and decide', () => {
  let f: Awaited<ReturnType<typeof appFixture>>;
  beforeEach(async () => {
    f = await appFixture();
  });
  afterEach(() => f.close());

  const setMode = (identityVerification: string) =>
    f.admin('PUT', '/api/v1/settings', { identityVerification, verificationSecrets: [SECRET, NEXT_SECRET] });
  const token = (sub = 'u1') => signIdentityToken({ sub, exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);

  it('never shows the secrets back', async () => {
    const settings = await (await setMode('report')).json();
    expect(settings.verificationSecrets).toEqual(['…0001', '…0002']);
  });

  it('in enforce mode rejects events of users without a valid token, accepts anonymous ones', async () => {
    await setMode('enforce');
    const response = await f.request('POST', '/v1/batch', {
      writeKey: f.workspace.writeKey,
      identityTokens: { u1: token('u1') },
      batch: [trackEvent({ userId: 'u1' }), trackEvent({ userId: 'u2' }), trackEvent({ userId: null, anonymousId: 'anon' })],
    });
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 1, code: 'missing_token', path: 'batch[1].userId', message: expect.stringContaining('no token was sent') }]);
    const stored = await f.store.recentEvents(f.workspace.id, 10);
    expect(stored.map((e) => [e.userId, e.verified]).sort()).toEqual([[null, null], ['u1', true]]);
  });

  it('in report mode accepts unverified events and counts them', async () => {
    await setMode('report');
    const body = await (await f.batch([trackEvent({ userId: 'u1' })])).json();
    expect(body).toMatchObject({ accepted: 1, unverified: 1 });
    expect((await f.store.recentEvents(f.workspace.id, 1))[0]!.verified).toBe(false);
  });

  it('in enforce mode answers decide only for a proven user', async () => {
    await setMode('enforce');
    const refused = await f.decide({ userId: 'u1', identityToken: token('u2') });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('subject_mismatch');
    expect((await f.decide({ userId: 'u1', identityToken: token('u1') })).status).toBe(200);
  });

  it('refuses settings with a short secret', async () => {
    const response = await f.admin('PUT', '/api/v1/settings', { identityVerification: 'enforce', verificationSecrets: ['short'] });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('verificationSecrets[0]: secrets must be at least 32 characters');
  });
});
