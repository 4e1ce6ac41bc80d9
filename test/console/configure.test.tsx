// @vitest-environment happy-dom
// Configuring through the console against the real server: a new feature, a webhook with its
// secret shown once and a test delivery, workspace settings that keep secrets the form never
// saw, and the campaigns panel that steps aside when a server has no campaigns API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../server/console/api.ts';
import { client } from '../../server/console/state.ts';
import { notice } from '../../server/console/state/notice.ts';
import { navigate } from '../../server/console/state/route.ts';
import { Webhooks } from '../../server/console/views/alerts/webhooks.tsx';
import { FeaturesScreen } from '../../server/console/views/definitions/features.tsx';
import { CampaignLift } from '../../server/console/views/overview/campaign-lift.tsx';
import { WorkspaceSettings } from '../../server/console/views/settings/workspace-settings.tsx';
import { buttons, choose, mount, press, settle, type, unmountAll } from './dom.ts';
import { type ConsoleServer, consoleServer } from './server.ts';

let server: ConsoleServer;
beforeAll(async () => {
  server = await consoleServer();
});
afterAll(() => server?.close());
afterEach(unmountAll);

const byLabel = (host: HTMLElement, label: string) => {
  const element = [...host.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)!;
  return host.querySelector<HTMLInputElement>(`#${CSS.escape(element.htmlFor)}`)!;
};

describe('features', () => {
  it('defines a no-code feature (a click on a selector) and lists it as a key feature', async () => {
    server.signIn('editor');
    navigate('#/features?key=%2Bnew');
    const host = await mount(<FeaturesScreen />);
    await settle(() => !!host.querySelector('form.editor'));
    await type(byLabel(host, 'Key'), 'export');
    await type(byLabel(host, 'Name'), 'Export to PDF');
    await press(byLabel(host, 'Key feature'));
    await choose(byLabel(host, 'Counts as a use'), 'click');
    await type(byLabel(host, 'CSS selector'), '[data-action="export"]');
    await press(buttons(host, 'Save as a new version')[0]);
    await settle(() => location.hash === '#/features?key=export');
    await settle(() => host.querySelector('#feature-list')?.textContent?.includes('Export to PDF') ?? false);
    expect(host.querySelector('#feature-list')!.textContent).toContain('click on [data-action="export"]');
    const saved = (await client.value!.features.list()).find((f) => f.key === 'export');
    expect(saved).toMatchObject({ isKey: true, rule: { type: 'click', selector: '[data-action="export"]' } });
  });

  it('names the field of a refused feature', async () => {
    server.signIn('editor');
    navigate('#/features?key=%2Bnew');
    const host = await mount(<FeaturesScreen />);
    await settle(() => !!host.querySelector('form.editor'));
    await type(byLabel(host, 'Key'), 'Bad Key');
    await type(byLabel(host, 'Name'), 'Bad');
    await type(byLabel(host, 'Event name'), 'X');
    await press(buttons(host, 'Save as a new version')[0]);
    await settle(() => !!host.querySelector('.field-error'));
    expect(byLabel(host, 'Key').closest('.field')!.querySelector('.field-error')!.textContent).toContain('lowercase letters');
  });
});

describe('webhooks', () => {
  it('registers a webhook, shows its signing secret once, queues a test and shows the delivery log', async () => {
    server.signIn('admin');
    const host = await mount(<Webhooks />);
    await settle(() => !!host.querySelector('#webhook-url'));
    await type(host.querySelector('#webhook-url'), 'http://127.0.0.1:9/uptake');
    await press(buttons(host, 'Add webhook')[0]);
    await settle(() => !!host.querySelector('.secret pre'));
    expect(host.querySelector('.secret pre')!.textContent).toMatch(/\S{20,}/);
    await settle(() => !!host.querySelector('.webhook code'));
    await press(buttons(host, 'Send test')[0]);
    await press(buttons(host, 'Deliveries')[0]);
    await settle(() => host.querySelector('.deliveries')?.textContent?.includes('webhook.test') ?? false);
  });

  it('registers a Slack incoming webhook, marked as such in the list', async () => {
    server.signIn('admin');
    const host = await mount(<Webhooks />);
    await settle(() => !!host.querySelector('#webhook-url'));
    await type(host.querySelector('#webhook-url'), 'http://127.0.0.1:9/slack-channel');
    await choose(host.querySelector('#webhook-format'), 'slack');
    await press(buttons(host, 'Add webhook')[0]);
    await settle(() => [...host.querySelectorAll('.webhook')].some((w) => w.textContent!.includes('slack-channel')));
    const item = [...host.querySelectorAll('.webhook')].find((w) => w.textContent!.includes('slack-channel'))!;
    expect(item.querySelector('.muted')!.textContent).toBe('Slack message · *');
    expect((host.querySelector('#webhook-format') as HTMLSelectElement).value).toBe('json');
  });

  it('refuses a URL that is not http(s) with the reason', async () => {
    server.signIn('admin');
    const host = await mount(<Webhooks />);
    await settle(() => !!host.querySelector('#webhook-url'));
    await type(host.querySelector('#webhook-url'), 'ftp://example.com/x');
    await press(buttons(host, 'Add webhook')[0]);
    await settle(() => !!host.querySelector('.error-note'));
    expect(host.querySelector('.error-note')!.textContent).toContain('http:// or https://');
  });
});

describe('workspace settings', () => {
  it('saves the global holdout and throttle without erasing the verification secret it only saw masked', async () => {
    server.signIn('admin');
    const secret = 'x'.repeat(28) + 'abcd';
    await server.admin('PUT', '/api/v1/settings', { identityVerification: 'report', verificationSecrets: [secret] });
    const host = await mount(<WorkspaceSettings />);
    await settle(() => !!host.querySelector('form.editor'));
    expect(byLabel(host, 'Secret 1').value).toBe('…abcd');
    await type(byLabel(host, 'Global holdout (%)'), '10');
    await type(byLabel(host, 'Global throttle (hours)'), '24');
    await press(buttons(host, 'Save settings')[0]);
    await settle(() => notice.value === 'Settings saved' || !!host.querySelector('.error-note'));
    expect(host.querySelector('.error-note')).toBeNull();
    // A stored "…abcd" would have been refused (secrets have 32+ characters): the real secret was kept.
    const settings = await (await server.admin('GET', '/api/v1/settings')).json();
    expect(settings).toMatchObject({ identityVerification: 'report', globalHoldoutPercent: 10, throttleHours: 24, verificationSecrets: ['…abcd'] });
  });

  it('keeps raw events a number of days, refusing fewer than 30 at the field, and forever again when emptied', async () => {
    server.signIn('admin');
    let host = await mount(<WorkspaceSettings />);
    await settle(() => !!host.querySelector('form.editor'));
    const save = async () => {
      notice.value = null;
      await press(buttons(host, 'Save settings')[0]);
      await settle(() => notice.value === 'Settings saved' || !!host.querySelector('.error-note'));
    };
    await type(byLabel(host, 'Keep raw events (days)'), '7');
    await save();
    expect(host.querySelector('.error-note')!.textContent).toContain('keep events at least 30 days');
    expect(byLabel(host, 'Keep raw events (days)').getAttribute('aria-invalid')).toBe('true');
    await type(byLabel(host, 'Keep raw events (days)'), '365');
    await save();
    expect((await (await server.admin('GET', '/api/v1/settings')).json()).eventRetentionDays).toBe(365);
    // Opened again, the form shows what is stored.
    await unmountAll();
    host = await mount(<WorkspaceSettings />);
    await settle(() => !!host.querySelector('form.editor'));
    expect(byLabel(host, 'Keep raw events (days)').value).toBe('365');
    await type(byLabel(host, 'Keep raw events (days)'), '');
    await save();
    expect((await (await server.admin('GET', '/api/v1/settings')).json()).eventRetentionDays).toBeNull();
  });
});

describe('campaigns ranked by lift', () => {
  it('steps aside on a server that answers 404 for campaigns', async () => {
    server.signIn('admin');
    client.value = createClient({ secretKey: server.keys.secretKey }, { base: '/api/v0' });
    const host = await mount(<CampaignLift />);
    await settle();
    await settle();
    expect(host.textContent).toBe('');
  });

  it('lists the workspace’s published campaigns', async () => {
    server.signIn('admin');
    await server.admin('POST', '/api/v1/campaigns', { name: 'Try reminders', kind: 'banner', status: 'live', content: { title: 'Reminders cut no-shows' } });
    const host = await mount(<CampaignLift />);
    await settle(() => !!host.querySelector('table'));
    expect(host.querySelector('tbody th')!.textContent).toContain('Try reminders');
    expect(host.querySelector('tbody')!.textContent).toContain('no goal set');
  });
});
