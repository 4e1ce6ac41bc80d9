import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
  await f.admin('PUT', '/api/v1/features/export', { key: 'export', name: 'Export', rule: { type: 'click', selector: '[data-action="export"]' } });
  await f.admin('PUT', '/api/v1/features/billing', { key: 'billing', name: 'Billing', rule: { type: 'url', pattern: '/settings/billing*' } });
});
afterEach(() => f.close());

describe('no-code feature rules', () => {
  it('GET /v1/config gives the SDK the click and URL rules, not the event ones', async () => {
    const config = await (await f.request('GET', `/v1/config?writeKey=${f.workspace.writeKey}`)).json();
    expect(config).toEqual({
      features: [
        { key: 'billing', rule: { type: 'url', pattern: '/settings/billing*' } },
        { key: 'export', rule: { type: 'click', selector: '[data-action="export"]' } },
      ],
      honorGlobalPrivacyControl: false,
    });
  });

  it('counts a Feature Used event toward the no-code feature it names, and nothing else', async () => {
    await f.batch([
      trackEvent({ event: 'Feature Used', properties: { feature: 'export', rule: 'click' } }),
      trackEvent({ event: 'Feature Used', properties: { feature: 'reminders' } }),
    ]);
    const profile = await f.store.loadProfile(f.workspace.id, { userId: 'u1', accountId: 'acct-1' });
    expect(Object.keys(profile.userFeatures)).toEqual(['export']);
  });

  it('refuses a URL rule that is not a path', async () => {
    const response = await f.admin('PUT', '/api/v1/features/x', { key: 'x', name: 'X', rule: { type: 'url', pattern: 'settings' } });
    expect((await response.json()).error.message).toBe('rule.pattern: URL patterns are paths starting with "/"');
  });

  it('needs a valid write key', async () => {
    expect((await f.request('GET', '/v1/config?writeKey=wk_nope')).status).toBe(401);
  });
});
