// @vitest-environment happy-dom
// The console's screens against the real server: the shell (sections, current screen, skip link,
// focus), the overview, an account with its users and timeline, alerts acknowledged, error and
// empty states, and what a viewer signed in with a session is shown.
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../server/console/api.ts';
import { formatDateTime } from '../../server/console/format.ts';
import { client, restoreSession, session, signedOutReason } from '../../server/console/state.ts';
import { notice } from '../../server/console/state/notice.ts';
import { navigate, route } from '../../server/console/state/route.ts';
import { AccountScreen } from '../../server/console/views/account/account.tsx';
import { UserScreen } from '../../server/console/views/account/user.tsx';
import { AlertsScreen } from '../../server/console/views/alerts/alerts.tsx';
import { App } from '../../server/console/views/app.tsx';
import { CertificationsScreen } from '../../server/console/views/definitions/certifications.tsx';
import { JourneysScreen } from '../../server/console/views/definitions/journeys.tsx';
import { FeatureImpactPanel } from '../../server/console/views/overview/feature-impact.tsx';
import { NetPromoterScore } from '../../server/console/views/overview/health-coverage.tsx';
import { OverviewScreen } from '../../server/console/views/overview/overview.tsx';
import { CampaignsScreen } from '../../server/console/views/campaigns/campaigns.tsx';
import { SettingsScreen } from '../../server/console/views/settings/settings.tsx';
import { sessionChecked } from '../../server/console/state.ts';
import { buttons, choose, download, mount, press, settle, type, unmountAll } from './dom.ts';
import { type ConsoleServer, consoleServer } from './server.ts';

let server: ConsoleServer;
beforeAll(async () => {
  server = await consoleServer();
  // An alert rule, so the quiet (red) clinic raises an alert.
  await server.admin('PUT', '/api/v1/alert-rules/health-red', { key: 'health-red', name: 'Health turned red', condition: { type: 'health_red' } });
});
afterAll(() => server?.close());
afterEach(unmountAll);

const text = (host: HTMLElement) => host.textContent ?? '';

describe('opening the console', () => {
  it('with #key=sk_… in the address, opens the workspace as admin and takes the key out of the address bar', async () => {
    server.signIn('viewer');
    session.value = null;
    sessionStorage.clear();
    history.replaceState(null, '', `#key=${server.keys.secretKey}`);
    await restoreSession();
    expect(session.value!.user.role).toBe('admin');
    expect(session.value!.workspace.name).toBe('Console test');
    expect(location.hash).toBe('');
    expect(sessionStorage.getItem('uptake-console:key')).toBe(server.keys.secretKey);
  });

  it('with neither a session cookie nor a key, stays signed out without an error; with a refused key, says why', async () => {
    server.signIn('viewer');
    session.value = null;
    sessionStorage.clear();
    signedOutReason.value = null;
    history.replaceState(null, '', '#/overview');
    await restoreSession();
    expect(session.value).toBeNull();
    expect(signedOutReason.value).toBeNull();
    sessionStorage.setItem('uptake-console:key', 'sk_revoked');
    await restoreSession();
    expect(session.value).toBeNull();
    expect(signedOutReason.value).toBeTruthy();
  });
});

describe('the shell', () => {
  it('lists every section, marks the open one, and shows the workspace and who is signed in', async () => {
    server.signIn('editor');
    sessionChecked.value = true;
    navigate('#/health');
    const host = await mount(<App />);
    const links = [...host.querySelectorAll('nav a')].map((a) => a.textContent);
    expect(links).toEqual(['Overview', 'Accounts', 'Users', 'Campaigns', 'Features', 'Journeys', 'Health score', 'Tiers', 'Certification', 'Alerts & webhooks', 'Settings']);
    expect(host.querySelector('nav a[aria-current="page"]')!.textContent).toBe('Health score');
    expect(host.querySelector('header')!.textContent).toContain('Test workspace');
    expect(host.querySelector('header')!.textContent).toContain('editor@example.com');
    expect(host.querySelector('h1')!.textContent).toBe('Health score');
  });

  it('moves focus to the new screen’s heading, and the skip link to the content without changing the route', async () => {
    server.signIn('editor');
    navigate('#/overview');
    const host = await mount(<App />);
    navigate('#/tiers');
    await settle(() => document.activeElement?.id === 'screen-title');
    expect(document.activeElement!.textContent).toBe('Tiers');
    await press(host.querySelector('a.skip'));
    expect(document.activeElement!.id).toBe('main');
    expect(location.hash).toBe('#/tiers');
  });

  it('says so for an address that is no screen', async () => {
    server.signIn('viewer');
    navigate('#/nowhere');
    const host = await mount(<App />);
    expect(host.querySelector('h1')!.textContent).toBe('Page not found');
  });
});

describe('the overview', () => {
  it('shows customers × onboarding rate × adoption rate = successful customers, health and coverage', async () => {
    server.signIn('viewer');
    const host = await mount(<OverviewScreen />);
    await settle(() => !!host.querySelector('.equation'));
    const terms = [...host.querySelectorAll('.term')].map((t) => t.querySelector('span')!.textContent);
    expect(terms).toEqual(['customers', 'onboarding rate', 'adoption rate', 'successful customers']);
    expect(host.querySelector('.term strong')!.textContent).toBe('2');
    expect(host.querySelector('a[href="#/accounts?health=red"]')).not.toBeNull();
    expect(text(host)).toContain('active accounts touched by CS');
  });

  it('compares the accounts using each feature on an outcome picked by a trait, and starts a nudge for those without it', async () => {
    server.signIn('editor');
    navigate('#/overview');
    const host = await mount(<FeatureImpactPanel />);
    await settle(() => !!host.querySelector('#feature-impact tbody tr'));
    expect(text(host)).toContain('accounts reached the adopted stage');
    await choose(host.querySelector('#feature-impact select'), 'trait');
    // The accounts' own traits are suggested.
    expect([...host.querySelectorAll('#impact-trait-keys option')].map((o) => o.getAttribute('value'))).toEqual(['name', 'seats', 'contractStart']);
    const [trait, value] = [...host.querySelectorAll<HTMLInputElement>('#feature-impact input')];
    await type(trait!, 'name');
    await type(value!, 'busy clinic');
    await press(buttons(host, 'Compare')[0]);
    expect(location.hash).toBe('#/overview?outcome=trait&trait=name&value=busy+clinic');
    await settle(() => text(host).includes('1 of 2 accounts with a name trait have name = busy clinic'));
    const row = [...host.querySelectorAll('#feature-impact tbody tr')].find((r) => r.querySelector('th')!.textContent!.startsWith('Reminders'))!;
    expect([...row.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)).toEqual(['100% of 1', '0% of 1']);
    const nudge = row.querySelector('a')!;
    expect([nudge.textContent, nudge.getAttribute('href')]).toEqual(['Nudge the 1 without it', '#/campaigns/new?kind=tooltip&nudge=reminders']);

    // The nudge: a tooltip aimed at accounts without reminders, with reminders as its goal and a holdout.
    unmountAll();
    navigate(nudge.getAttribute('href')!);
    const editor = await mount(<CampaignsScreen />);
    await settle(() => !!editor.querySelector('form.campaign-form'));
    const input = (label: string) => editor.querySelector(`#${CSS.escape([...editor.querySelectorAll('label')].find((l) => l.textContent === label)!.htmlFor)}`);
    await type(input('Name'), 'Nudge toward reminders');
    await type(input('Anchor element (CSS selector)'), '[data-nav="reminders"]');
    await press(buttons(editor, 'Save draft')[0]);
    await settle(() => location.hash.startsWith('#/campaigns/') && !location.hash.startsWith('#/campaigns/new'));
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    const stored = await (await server.admin('GET', `/api/v1/campaigns/${id}`)).json();
    expect(stored).toMatchObject({
      audience: { type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' },
      goal: { type: 'feature', feature: 'reminders', withinDays: 14 },
      holdoutPercent: 20,
      frequency: { stopAfter: ['dismissed', 'clicked', 'goal'] },
    });
  });

  it('shows the net promoter score with the unhappy words behind it, and starts a follow-up for promoters', async () => {
    server.signIn('editor');
    const nps = {
      periodDays: 90,
      summary: { responses: 4, promoters: 1, passives: 0, detractors: 3, score: -50 },
      detractors: [{ accountId: 'acct-1', accountName: 'Busy Clinic', visitorId: 'u1', name: 'Ana Silva', score: 3, comment: '<b>Too slow</b> on Mondays', answeredAt: '2026-11-20T10:00:00.000Z' }],
    };
    const host = await mount(<NetPromoterScore nps={nps} />);
    expect(host.querySelector('.kpi')!.textContent).toBe('−50');
    // The customer's words as text, never as markup.
    expect(host.querySelector('q')!.textContent).toBe('<b>Too slow</b> on Mondays');
    expect(host.querySelector('q b')).toBeNull();
    expect(host.querySelector('.quotes a')!.getAttribute('href')).toBe('#/accounts/acct-1');
    const ask = [...host.querySelectorAll('a')].find((a) => a.textContent === 'Ask promoters for a review')!;
    expect(ask.getAttribute('href')).toBe('#/campaigns/new?kind=slideout&follow=promoters');

    unmountAll();
    navigate(ask.getAttribute('href')!);
    const editor = await mount(<CampaignsScreen />);
    await settle(() => !!editor.querySelector('form.campaign-form'));
    await press(buttons(editor, 'Save draft')[0]);
    await settle(() => location.hash.startsWith('#/campaigns/') && !location.hash.startsWith('#/campaigns/new'));
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    expect(await (await server.admin('GET', `/api/v1/campaigns/${id}`)).json()).toMatchObject({
      name: 'Ask promoters for a review',
      kind: 'slideout',
      audience: { type: 'score', op: 'gte', value: 9 },
      frequency: { maxShows: 1 },
    });
  });

  it('says so when no account has the trait asked for', async () => {
    server.signIn('viewer');
    navigate('#/overview?outcome=trait&trait=renewal&value=renewed');
    const host = await mount(<FeatureImpactPanel />);
    await settle(() => !!host.querySelector('#feature-impact .empty'));
    expect(host.querySelector('#feature-impact .empty')!.textContent).toMatch(/^No account has a renewal trait yet\./);
  });

  it('shows viewers which features go with success without the way to act on it', async () => {
    server.signIn('viewer');
    navigate('#/overview?outcome=green');
    const host = await mount(<FeatureImpactPanel />);
    await settle(() => !!host.querySelector('#feature-impact tbody tr'));
    expect(text(host)).toContain('accounts have green health');
    expect([...host.querySelectorAll('#feature-impact thead th')].map((th) => th.textContent)).not.toContain('Act');
    expect(host.querySelector('#feature-impact tbody a')).toBeNull();
  });

  it('lists open alerts; viewers cannot acknowledge them', async () => {
    server.signIn('viewer');
    const host = await mount(<OverviewScreen />);
    await settle(() => !!host.querySelector('.alert'));
    // The account by its name, linking to its detail.
    expect(host.querySelector('.alert a')!.getAttribute('href')).toBe('#/accounts/acct-2');
    expect(host.querySelector('.alert a')!.textContent).toBe('Quiet Clinic');
    expect(buttons(host, /Acknowledge|Resolve/)).toHaveLength(0);
  });
});

describe('alerts', () => {
  it('an editor acknowledges and then resolves an alert from the feed', async () => {
    server.signIn('editor');
    const host = await mount(<AlertsScreen />);
    await settle(() => !!host.querySelector('#alert-feed-title') && buttons(host, 'Acknowledge').length > 0);
    await press(buttons(host, 'Acknowledge')[0]);
    await settle(() => host.querySelector('.alert .pill')?.textContent === 'acknowledged');
    await press(buttons(host, 'Resolve')[0]);
    await settle(() => host.querySelector('#alert-feed')?.textContent?.includes('Nothing needs attention') ?? false);
  });

  it('narrows the feed to one rule, each rule listed with how many alerts it raised', async () => {
    server.signIn('viewer');
    await server.admin('PUT', '/api/v1/alert-rules/all-quiet', { key: 'all-quiet', name: 'Nobody deployed', condition: { type: 'deployment_below', rate: 1 } });
    navigate('#/alerts?status=all');
    const host = await mount(<AlertsScreen />);
    const ruleSelect = () => [...host.querySelectorAll<HTMLLabelElement>('#alert-feed label.filter')].find((l) => l.textContent?.startsWith('Rule'))!.querySelector('select')!;
    await settle(() => host.querySelectorAll('#alert-feed .alert').length === 3);
    expect([...ruleSelect().options].map((o) => o.textContent)).toEqual(['every rule', 'All quiet (2)', 'Health red (1)']);
    await choose(ruleSelect(), 'health-red');
    await settle(() => host.querySelectorAll('#alert-feed .alert').length === 1);
    expect(host.querySelector('#alert-feed .alert')!.textContent).toContain('health is red');
    expect(route.value.query.get('from')).toBe('health-red');
    // The overview sums the open ones up by rule, each a link to the feed narrowed to it.
    const overview = await mount(<OverviewScreen />);
    await settle(() => !!overview.querySelector('.alert-rules-summary'));
    expect([...overview.querySelectorAll('.alert-rules-summary a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['All quiet 2', '#/alerts?from=all-quiet']]);
    // A viewer cannot acknowledge them; an editor acknowledges the rule's open alerts in one go.
    expect(buttons(host, 'Acknowledge all open')).toHaveLength(0);
    server.signIn('editor');
    navigate('#/alerts?from=all-quiet');
    const editing = await mount(<AlertsScreen />);
    await settle(() => editing.querySelectorAll('#alert-feed .alert').length === 2 && buttons(editing, 'Acknowledge all open').length === 1);
    await press(buttons(editing, 'Acknowledge all open')[0]);
    await settle(() => [...editing.querySelectorAll('#alert-feed .alert .pill')].every((p) => p.textContent === 'acknowledged'));
    // Out of the way of the tests after this one.
    await server.admin('PUT', '/api/v1/alert-rules/all-quiet', { key: 'all-quiet', name: 'Nobody deployed', enabled: false, condition: { type: 'deployment_below', rate: 1 } });
  });
});

describe('alert rules', () => {
  it('an editor makes a rule that pauses a campaign whose anchor keeps failing', async () => {
    server.signIn('editor');
    navigate('#/alerts?rule=%2Bnew');
    const host = await mount(<AlertsScreen />);
    await settle(() => !!host.querySelector('#alert-rules form'));
    const form = host.querySelector<HTMLElement>('#alert-rules')!;
    const field = (label: string) => form.querySelector<HTMLInputElement>(`#${CSS.escape([...form.querySelectorAll('label')].find((l) => l.textContent === label)!.htmlFor)}`)!;
    await type(field('Key'), 'anchor-pause');
    await type(field('Name'), 'Broken anchor: pause');
    await choose(field('Raise an alert when'), 'anchor_failing');
    await settle(() => [...form.querySelectorAll('label')].some((l) => l.textContent === 'Also pause the campaign'));
    await press(field('Also pause the campaign'));
    await press(buttons(form, 'Save as a new version')[0]);
    await settle(() => text(form).includes('anchor missing 5+ times in 24 h, then pause the campaign'));
    const stored = await (await server.admin('GET', '/api/v1/alert-rules/anchor-pause')).json();
    expect(stored.condition).toEqual({ type: 'anchor_failing', count: 5, withinHours: 24, pause: true });
  });
});

describe('an account', () => {
  it('shows its users with stage and certification, which key features each used, and logs a touch into the timeline', async () => {
    server.signIn('editor');
    const host = await mount(<AccountScreen id="acct-1" />);
    await settle(() => !!host.querySelector('.metrics'));
    expect(host.querySelector('h1')!.textContent).toBe('Busy Clinic');
    expect(host.querySelector('#users')!.textContent).toContain('u1');
    const grid = host.querySelector('#adoption')!;
    expect(grid.querySelector('thead')!.textContent).toContain('Reminders');
    expect(grid.querySelector('td.used')).not.toBeNull();
    expect(host.querySelector('.health-chart svg')).not.toBeNull();
    // Its traits as the product's group() calls set them, the name being the title.
    expect([...host.querySelectorAll('#traits dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`)).toEqual(['seats: 2', 'contractStart: 2020-01-01']);

    await press(buttons(host, 'Log a touch')[0]);
    await type(host.querySelector('dialog textarea'), 'Quarterly review booked');
    await press(host.querySelector('dialog button[type=submit]'));
    await settle(() => host.querySelector('#timeline')?.textContent?.includes('Quarterly review booked') ?? false);
    expect(host.querySelector('dialog')).toBeNull();
  });

  it('says what went wrong for an account that does not exist, with a retry', async () => {
    server.signIn('editor');
    const host = await mount(<AccountScreen id="no-such-clinic" />);
    await settle(() => !!host.querySelector('[role=alert]'));
    expect(host.querySelector('[role=alert]')!.textContent).toContain('no account "no-such-clinic"');
    expect(buttons(host, 'Try again')).toHaveLength(1);
  });
});

describe('a user', () => {
  it('lists what guidance reached them, and explains any campaign for them without typing their id', async () => {
    server.signIn('viewer');
    const name = `Turn on reminders ${Math.random()}`;
    const campaign = await (await server.admin('POST', '/api/v1/campaigns', {
      name, kind: 'modal', status: 'live', content: { title: 'Reminders cut no-shows' }, frequency: { maxShows: null, stopAfter: ['dismissed'] },
    })).json();
    const at = new Date(Date.now() - 60_000).toISOString();
    const interaction = (event: string) => ({ type: 'track', messageId: `ui-${event}-${Math.random()}`, userId: 'u1', groupId: 'acct-1', event, properties: { campaignId: campaign.id }, timestamp: at });
    await server.admin('POST', '/v1/batch', { writeKey: server.keys.writeKey, batch: [interaction('message_shown'), interaction('message_dismissed')] });

    const host = await mount(<UserScreen id="u1" />);
    await settle(() => !!host.querySelector('#user-guidance tbody'));
    const row = [...host.querySelectorAll('#user-guidance tbody tr')].find((tr) => tr.textContent!.includes(name))!;
    expect(row.querySelector('a')!.getAttribute('href')).toBe(`#/campaigns/${campaign.id}`);
    expect(row.querySelector('td')!.textContent).toBe('Shown once · Dismissed');

    await choose(host.querySelector('#user-explain select'), campaign.id);
    await press(buttons(host, 'Explain')[0]);
    await settle(() => !!host.querySelector('#user-explain .explain-rules'));
    expect(host.querySelector('#user-explain [role=status]')!.textContent).toBe(`u1 does not see it: Frequency — dismissed at ${formatDateTime(at)}.`);
  });
});

describe('finding a user', () => {
  it('finds a person by part of their id, keeps the search in the address, and links to them and their account', async () => {
    server.signIn('viewer');
    navigate('#/users');
    const host = await mount(<App />);
    await settle(() => !!host.querySelector('#user-search tbody tr'));
    expect(host.querySelector('nav a[aria-current="page"]')!.textContent).toBe('Users');
    // Before any search: the people seen most recently.
    expect(host.querySelector('#user-search p.muted')!.textContent).toBe('Seen most recently:');
    await type(host.querySelector('#user-search input[type=search]'), 'U1');
    await press(buttons(host, 'Search')[0]);
    await settle(() => location.hash === '#/users?q=U1' && !host.querySelector('#user-search p.muted') && !!host.querySelector('#user-search tbody tr'));
    const row = host.querySelector('#user-search tbody tr')!;
    expect(row.querySelector('th a')!.getAttribute('href')).toBe('#/users/u1');
    expect(row.querySelector('td a')!.getAttribute('href')).toBe('#/accounts/acct-1');
    expect(row.querySelector('td a')!.textContent).toBe('Busy Clinic');

    await type(host.querySelector('#user-search input[type=search]'), 'nobody-by-that-name');
    await press(buttons(host, 'Search')[0]);
    await settle(() => !!host.querySelector('#user-search .empty'));
    expect(host.querySelector('#user-search .empty')!.textContent).toBe('Nobody’s id, name or email holds “nobody-by-that-name”.');
  });
});

describe('exporting and erasing people and accounts', () => {
  it('an admin exports a user’s data, then erases them after typing their id; the console goes to their account and says so', async () => {
    const event = (fields: object) => ({ messageId: `erase-${Math.random()}`, timestamp: new Date().toISOString(), userId: 'leaving', ...fields });
    await server.admin('POST', '/v1/batch', {
      writeKey: server.keys.writeKey,
      batch: [event({ type: 'identify', traits: { name: 'Lea Ving' } }), event({ type: 'group', groupId: 'acct-1', traits: {} }), event({ type: 'track', groupId: 'acct-1', event: 'Reminder Scheduled', properties: {} })],
    });
    server.signIn('viewer');
    let host = await mount(<UserScreen id="leaving" />);
    await settle(() => !!host.querySelector('#user-guidance'));
    expect(buttons(host, 'Erase user…')).toHaveLength(0);
    await unmountAll();

    server.signIn('admin');
    navigate('#/users/leaving');
    host = await mount(<UserScreen id="leaving" />);
    await settle(() => buttons(host, 'Erase user…').length === 1);
    // "Export data" first: the file the person may ask for, fetched with the console's credentials.
    const exported = JSON.parse(await (await download(buttons(host, 'Export data')[0]!)).text());
    expect(exported).toMatchObject({ userId: 'leaving', traits: { name: 'Lea Ving' } });
    expect(exported.events).toHaveLength(3);

    await press(buttons(host, 'Erase user…')[0]);
    expect(host.querySelector('dialog h2')!.textContent).toBe('Erase Lea Ving?');
    await type(host.querySelector('dialog input'), 'someone-else');
    await press(host.querySelector('dialog button[type=submit]'));
    expect(host.querySelector('dialog [role=alert]')!.textContent).toBe('Type leaving exactly to confirm.');
    await type(host.querySelector('dialog input'), 'leaving');
    await press(host.querySelector('dialog button[type=submit]'));
    await settle(() => route.value.path.join('/') === 'accounts/acct-1');
    expect(notice.value).toMatch(/^Erased Lea Ving: \d+ events de-identified$/);
    expect((await server.admin('GET', '/api/v1/users/leaving')).status).toBe(404);
  });

  it('an admin exports an account’s data, then erases it; editors see neither', async () => {
    const event = (fields: object) => ({ messageId: `erase-acct-${Math.random()}`, timestamp: new Date().toISOString(), userId: 'closing-u1', groupId: 'acct-closing', ...fields });
    await server.admin('POST', '/v1/batch', { writeKey: server.keys.writeKey, batch: [event({ type: 'group', traits: { name: 'Closing Clinic' } }), event({ type: 'track', event: 'Appointment Booked', properties: {} })] });
    server.signIn('editor');
    let host = await mount(<AccountScreen id="acct-closing" />);
    await settle(() => buttons(host, 'Log a touch').length === 1);
    expect(buttons(host, 'Erase account…')).toHaveLength(0);
    expect(buttons(host, 'Export data')).toHaveLength(0);
    await unmountAll();

    server.signIn('admin');
    navigate('#/accounts/acct-closing');
    host = await mount(<AccountScreen id="acct-closing" />);
    await settle(() => buttons(host, 'Erase account…').length === 1);
    const exported = JSON.parse(await (await download(buttons(host, 'Export data')[0]!)).text());
    expect(exported).toMatchObject({ accountId: 'acct-closing', traits: { name: 'Closing Clinic' }, users: [{ userId: 'closing-u1' }] });
    expect(exported.events).toHaveLength(2);
    await press(buttons(host, 'Erase account…')[0]);
    expect(host.querySelector('dialog h2')!.textContent).toBe('Erase Closing Clinic?');
    await type(host.querySelector('dialog input'), 'acct-closing');
    await press(host.querySelector('dialog button[type=submit]'));
    await settle(() => route.value.path.join('/') === 'accounts');
    expect(notice.value).toBe('Erased Closing Clinic, with 1 of its users');
    expect((await server.admin('GET', '/api/v1/accounts/acct-closing')).status).toBe(404);
  });
});

describe('errors and empty states', () => {
  it('shows the server’s reason and a retry when the key is refused', async () => {
    server.signIn('admin');
    client.value = createClient({ secretKey: 'sk_wrong' });
    const host = await mount(<OverviewScreen />);
    await settle(() => !!host.querySelector('[role=alert]'));
    expect(host.querySelector('[role=alert]')!.textContent).toMatch(/^Could not load: /);
    expect(buttons(host, 'Try again')).toHaveLength(1);
  });

  it('explains how to start when there is nothing yet', async () => {
    server.signIn('editor');
    const host = await mount(<CertificationsScreen />);
    await settle(() => !!host.querySelector('.empty'));
    expect(host.querySelector('.empty')!.textContent).toContain('No certification programs yet');
  });
});

describe('journeys', () => {
  it('opens the built-in journey and previews users and accounts per stage, in stage order', async () => {
    server.signIn('editor');
    navigate('#/journeys');
    const host = await mount(<JourneysScreen />);
    await settle(() => !!host.querySelector('form.editor'));
    expect(host.querySelector('.card.selected')!.textContent).toContain('built-in');
    await press(buttons(host, 'Preview effect')[0]);
    await settle(() => !!host.querySelector('.preview'));
    const stages = [...host.querySelector('.preview-table')!.querySelectorAll('th')].map((th) => th.textContent);
    expect(stages).toEqual(['Signed up', 'Onboarded', 'Adopted', 'Champion']);
  });
});

describe('settings for a viewer signed in with a session', () => {
  it('shows the install snippet and settings read-only, and keys and console users as admin-only', async () => {
    await server.signInWithSession('viewer');
    expect(session.value!.user.role).toBe('viewer');
    const host = await mount(<SettingsScreen />);
    await settle(() => text(host).includes('Only admins see keys.') && text(host).includes('Only admins see console users.') && !!host.querySelector('pre.snippet'));
    expect(host.querySelector('pre.snippet')!.textContent).toContain(server.keys.writeKey);
    expect(buttons(host, /Save settings|Rotate/)).toHaveLength(0);
  });

  it('admins see the keys and the console users', async () => {
    await server.signInWithSession('admin');
    const host = await mount(<SettingsScreen />);
    await settle(() => !!host.querySelector('.key-row') && !!host.querySelector('#console-users table'));
    expect(host.querySelector('.key-row code')!.textContent).toBe(server.keys.writeKey);
    expect(buttons(host, 'Save settings')).toHaveLength(1);
  });

  it('shows tracking as it arrives: what each event counted as, one visitor at a time, and the events refused', async () => {
    await server.signInWithSession('viewer');
    const host = await mount(<SettingsScreen />);
    const events = () => host.querySelector<HTMLElement>('#events')!;
    await settle(() => text(events()).includes('Reminder Scheduled'));
    const reminder = [...events().querySelectorAll('tbody tr')].find((row) => row.textContent!.includes('Reminder Scheduled'))!;
    expect(reminder.querySelector('td:nth-child(3)')!.textContent).toBe('reminders');

    const send = (batch: unknown[]) =>
      fetch(`${server.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey: server.keys.writeKey, batch }) });
    const now = new Date().toISOString();
    const markup = '<img src=x onerror=alert(1)>';
    await send([
      { type: 'track', messageId: `live-${Date.now()}`, timestamp: now, userId: 'u9', event: 'Report Exported', properties: { format: markup } },
      { type: 'track', messageId: `bad-${Date.now()}`, timestamp: 'last tuesday', userId: 'u9', event: 'Report Exported' },
    ]);
    // Live: the list asks again every 5 s without anyone pressing Refresh.
    await act(() => new Promise((resolve) => setTimeout(resolve, 5200)));
    await settle(() => text(events()).includes('Report Exported'));
    const exported = events().querySelector('tbody tr')!;
    expect(exported.querySelector('pre')!.textContent).toContain(markup);
    expect(host.querySelector('img')).toBeNull();

    await type(events().querySelector('input[type=search]'), 'u9');
    await press(buttons(events(), 'Show')[0]);
    await settle(() => events().querySelectorAll('tbody tr').length === 1 && !text(events()).includes('Reminder Scheduled'));
    await press(buttons(events(), 'Show everyone')[0]);
    await settle(() => text(events()).includes('Reminder Scheduled'));

    const refused = () => host.querySelector<HTMLElement>('#refused-events')!;
    await press(buttons(refused(), 'Refresh')[0]);
    await settle(() => text(refused()).includes('batch[1].timestamp'));
    expect(text(refused())).toContain('invalid_event');
    expect(text(refused())).toContain('u9');
  }, 20_000);
});
