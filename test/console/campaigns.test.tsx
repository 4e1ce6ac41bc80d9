// @vitest-environment happy-dom
// The Campaigns screens against the real admin API: the list with its status filter and status
// actions (none for viewers), the editor saving drafts with the server's refusal beside the field,
// the live reach estimate, versions, results with the explain lookup, and the lift interval.
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notice } from '../../server/console/state/notice.ts';
import { navigate } from '../../server/console/state/route.ts';
import { CampaignsScreen } from '../../server/console/views/campaigns/campaigns.tsx';
import { LiftInterval, liftText } from '../../server/console/views/campaigns/lift-interval.tsx';
import { LiftSummary } from '../../server/console/views/campaigns/results.tsx';
import { buttons, choose, mount, press, settle, type, unmountAll } from './dom.ts';
import { type ConsoleServer, consoleServer } from './server.ts';

let server: ConsoleServer;
const ids = { live: '', draft: '', archived: '' };
const NOT_USED_REMINDERS = { type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' };

async function create(name: string, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await server.admin('POST', '/api/v1/campaigns', { name, kind: 'banner', status, content: { title: `${name} title` }, ...extra });
  return ((await response.json()) as { id: string }).id;
}

async function stored(id: string): Promise<{ status: string; version: number; kind: string; name: string; content: unknown }> {
  return (await server.admin('GET', `/api/v1/campaigns/${id}`)).json() as never;
}

beforeAll(async () => {
  server = await consoleServer();
  ids.live = await create('Reminders nudge', 'live', { kind: 'tooltip', anchor: { selector: '#reminders', placement: 'right' }, audience: NOT_USED_REMINDERS, goal: { type: 'feature', feature: 'reminders', withinDays: 14 } });
  ids.draft = await create('Spring banner', 'draft');
  ids.archived = await create('Old banner', 'archived');
});
afterAll(() => server?.close());
afterEach(unmountAll);

const rowNames = (host: HTMLElement) => [...host.querySelectorAll('table.campaigns tbody th a')].map((a) => a.textContent);

const field = (host: HTMLElement, label: string, scope = 'form') => {
  const element = [...host.querySelectorAll(`${scope} label`)].find((l) => l.textContent === label) as HTMLLabelElement | undefined;
  if (!element) throw new Error(`no field labelled ${label}`);
  return host.querySelector<HTMLInputElement>(`#${CSS.escape(element.htmlFor)}`)!;
};

async function open(hash: string, ready: string): Promise<HTMLElement> {
  navigate(hash);
  const host = await mount(<CampaignsScreen />);
  await settle(() => !!host.querySelector(ready));
  return host;
}

describe('the campaign list', () => {
  it('lists every campaign but archived ones with kind, status and priority, and filters by status from the address', async () => {
    server.signIn('editor');
    const host = await open('#/campaigns', 'table.campaigns');
    expect(rowNames(host).sort()).toEqual(['Reminders nudge', 'Spring banner']);
    const live = host.querySelector(`tr[data-campaign="${ids.live}"]`)!;
    expect([...live.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)).toEqual(['Tooltip', 'live', '100']);
    // Reach: nobody was shown it yet; it has a goal but no holdout to measure lift against.
    expect(live.querySelectorAll('td')[3]!.textContent).toBe('0');
    expect(live.textContent).toContain('needs a holdout');
    await unmountAll();

    const archived = await open('#/campaigns?status=archived', 'table.campaigns');
    expect(rowNames(archived)).toEqual(['Old banner']);
    expect(archived.querySelector('a.chip[aria-pressed="true"]')!.textContent).toBe('Archived');
  });

  it('pauses a live campaign in place and says so', async () => {
    server.signIn('editor');
    const id = await create('Pause me', 'live');
    const host = await open('#/campaigns', 'table.campaigns');
    await press(buttons(host, /^Pause Pause me$/)[0]);
    await settle(() => notice.value === 'Paused “Pause me”');
    expect((await stored(id)).status).toBe('paused');
    await settle(() => buttons(host, /^Publish Pause me$/).length === 1);
  });

  it('shows under each name the title its users see, unless the two are the same', async () => {
    server.signIn('editor');
    const sameTitle = await create('Help & guides', 'draft', { content: { title: 'Help & guides' } });
    const host = await open('#/campaigns', 'table.campaigns');
    const subtitle = (id: string) => host.querySelector(`tr[data-campaign="${id}"] th .muted`)?.textContent ?? null;
    expect(subtitle(ids.live)).toBe('Reminders nudge title');
    expect(subtitle(sameTitle)).toBeNull();
  });

  it('gives viewers no status actions and no way to start a campaign', async () => {
    server.signIn('viewer');
    const host = await open('#/campaigns', 'table.campaigns');
    expect(buttons(host, /^(Publish|Pause|Archive) /)).toHaveLength(0);
    expect(host.querySelector('.new-campaign')).toBeNull();
    // Results stay open to them, one link a campaign.
    expect(host.querySelectorAll('a[href$="/results"]').length).toBe(host.querySelectorAll('table.campaigns tbody tr').length);
  });
});

describe('the campaign editor', () => {
  it('saves a new banner as a draft and opens it, with its first version', async () => {
    server.signIn('editor');
    const host = await open('#/campaigns/new?kind=banner', 'form.campaign-form');
    expect(field(host, 'Position').value).toBe('top');
    await type(field(host, 'Name'), 'Two-way SMS');
    await type(field(host, 'Title'), 'Patients can reply to reminders');
    await choose(field(host, 'Position'), 'bottom');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Two-way SMS” as version 1');
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    expect(await stored(id)).toMatchObject({ name: 'Two-way SMS', kind: 'banner', status: 'draft', version: 1, position: 'bottom', content: { title: 'Patients can reply to reminders' } });
  });

  it('duplicates a live campaign into a draft with all it says and whom it aims at; the original stays as it was', async () => {
    server.signIn('editor');
    const original = await create('Spring offer', 'live', { audience: NOT_USED_REMINDERS, holdoutPercent: 20, content: { title: 'Spring offer', body: [{ p: [{ text: 'Half price SMS' }] }] } });
    const list = await open('#/campaigns', 'table.campaigns');
    const link = list.querySelector<HTMLAnchorElement>('a[aria-label="Duplicate Spring offer"]')!;
    expect(link.getAttribute('href')).toBe(`#/campaigns/new?copy=${original}`);
    await unmountAll();

    const host = await open(`#/campaigns/new?copy=${original}`, 'form.campaign-form');
    expect(host.querySelector('h1')!.textContent).toBe('New banner');
    expect(field(host, 'Name').value).toBe('Spring offer (copy)');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Spring offer (copy)” as version 1');
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    expect(id).not.toBe(original);
    const [copy, source] = [await stored(id), await stored(original)];
    // The same audience, in the rule builder's shape (one condition under "all").
    expect(copy).toMatchObject({ status: 'draft', version: 1, audience: { all: [NOT_USED_REMINDERS] }, holdoutPercent: 20, content: source.content, kind: 'banner' });
    expect(source).toMatchObject({ name: 'Spring offer', status: 'live', version: 1 });
  });

  it('shows the server’s refusal next to the field it names, and saves nothing', async () => {
    server.signIn('editor');
    const before = (await stored(ids.draft)).version;
    const host = await open(`#/campaigns/${ids.draft}`, 'form.campaign-form');
    await press(buttons(host, 'Add a button')[0]);
    await choose(field(host, 'Does'), 'url');
    await type(field(host, 'Link'), 'javascript:alert(1)');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => !!host.querySelector('.field-error'));
    const link = field(host, 'Link');
    expect(link.getAttribute('aria-invalid')).toBe('true');
    expect(link.closest('.field')!.querySelector('.field-error')!.textContent).toBe('links must be https:, mailto: or a same-site path');
    expect(host.querySelector('form > .error-note')!.textContent).toBe('content.buttons[0].action.url: links must be https:, mailto: or a same-site path');
    expect((await stored(ids.draft)).version).toBe(before);
  });

  it('starts a tour picked by its name, and ticks a checklist item picked with its checklist, storing their ids', async () => {
    server.signIn('editor');
    const step = { id: 'step-1', content: { title: 'Hello' } };
    const tour = await create('Payments tour', 'draft', { kind: 'tour', steps: [step] });
    await create('Get started', 'draft', { kind: 'checklist', items: [{ id: 'connect-calendar', label: 'Connect your calendar' }] });
    const host = await open('#/campaigns/new?kind=modal', 'form.campaign-form');
    await type(field(host, 'Name'), 'Meet payments');
    await press(buttons(host, 'Add a button')[0]);
    await choose(field(host, 'Does'), 'tour');
    await settle(() => [...host.querySelectorAll('label')].some((l) => l.textContent === 'Tour'));
    expect([...field(host, 'Tour').querySelectorAll('option')].map((o) => o.textContent)).toContain('Payments tour (draft)');
    await choose(field(host, 'Tour'), tour);
    await press(buttons(host, 'Add a button')[0]);
    // The second button's "Does", after its style.
    await choose(host.querySelectorAll('.button-fields')[1]!.querySelectorAll('select')[1]!, 'complete_item');
    await choose(field(host, 'Checklist item'), 'connect-calendar');
    expect((field(host, 'Checklist item') as unknown as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Connect your calendar — Get started');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Meet payments” as version 1');
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    expect(((await stored(id)) as unknown as { content: { buttons: { action: unknown }[] } }).content.buttons.map((b) => b.action)).toEqual([
      { type: 'tour', campaignId: tour },
      { type: 'complete_item', itemId: 'connect-calendar' },
    ]);
  });

  it('adds, edits and removes a translation of the message; the server’s refusal inside one shows beside its field', async () => {
    server.signIn('editor');
    const id = await create('Translated banner', 'draft');
    const host = await open(`#/campaigns/${id}`, 'form.campaign-form');
    const addLanguage = async (code: string) => {
      await type(field(host, 'Language code'), code);
      await press(buttons(host, 'Add translation')[0]);
    };
    const languageProblem = () => field(host, 'Language code').closest('.field')!.querySelector('.field-error')?.textContent;

    await addLanguage('French');
    expect(languageProblem()).toBe('locale tags look like "fr" or "pt-BR"');
    expect(host.querySelector('.locale')).toBeNull();
    await addLanguage('fr');
    // A copy of the message to translate, named in the viewer's words.
    const french = host.querySelector('.locale')!;
    expect(french.querySelector('legend')!.textContent).toBe(`Message in ${new Intl.DisplayNames(undefined, { type: 'language' }).of('fr')} (fr)`);
    expect(field(french as HTMLElement, 'Title', '*').value).toBe('Translated banner title');
    await addLanguage('FR');
    expect(languageProblem()).toMatch(/^locale tags look like/);
    await addLanguage('pt-BR');
    await addLanguage('pt-br');
    expect(languageProblem()).toMatch(/^there is a .*\(pt-BR\) translation already$/);
    expect(host.querySelectorAll('.locale')).toHaveLength(2);

    await type(field(french as HTMLElement, 'Title', '*'), 'Les patients peuvent répondre');
    await press(buttons(french, 'Add a button')[0]);
    await choose(field(french as HTMLElement, 'Does', '*'), 'url');
    await type(field(french as HTMLElement, 'Link', '*'), 'javascript:alert(1)');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => !!host.querySelector('form > .error-note'));
    expect(host.querySelector('form > .error-note')!.textContent).toBe('locales.fr.buttons[0].action.url: links must be https:, mailto: or a same-site path');
    expect(field(french as HTMLElement, 'Link', '*').closest('.field')!.querySelector('.field-error')!.textContent).toBe('links must be https:, mailto: or a same-site path');

    await type(field(french as HTMLElement, 'Link', '*'), '/rappels');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Translated banner” as version 2');
    const saved = (await stored(id)) as unknown as { locales: Record<string, { title: string; buttons: { action: unknown }[] }> };
    expect(Object.keys(saved.locales)).toEqual(['fr', 'pt-BR']);
    expect(saved.locales['fr']).toMatchObject({ title: 'Les patients peuvent répondre', buttons: [{ action: { type: 'url', url: '/rappels' } }] });
    expect(saved.locales['pt-BR']!.title).toBe('Translated banner title');

    await press(buttons(host, /^Remove the .*\(fr\) translation$/)[0]);
    await press(buttons(host, /^Remove the .*\(pt-BR\) translation$/)[0]);
    expect(host.querySelector('.locale')).toBeNull();
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Translated banner” as version 3');
    expect(await stored(id)).not.toHaveProperty('locales');
  });

  it('translates each step of a tour on its own', async () => {
    server.signIn('editor');
    const host = await open('#/campaigns/new?kind=tour', 'form.campaign-form');
    await type(field(host, 'Name'), 'Tour in German');
    const step = host.querySelector('fieldset.step')!;
    await type(field(step as HTMLElement, 'Language code', '*'), 'de');
    await press(buttons(step, 'Add translation')[0]);
    const german = step.querySelector('.locale')! as HTMLElement;
    expect(german.querySelector('legend')!.textContent).toMatch(/^Step 1 message in .*\(de\)$/);
    await type(field(german, 'Title', '*'), 'Erster Schritt');
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Tour in German” as version 1');
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    const saved = (await stored(id)) as unknown as { steps: { content: { title: string }; locales: Record<string, { title: string }> }[]; locales?: unknown };
    expect(saved.steps[0]!.locales).toEqual({ de: expect.objectContaining({ title: 'Erster Schritt' }) });
    expect(saved.steps[0]!.content.title).toBe('First step');
    expect(saved.locales).toBeUndefined();
  });

  it('makes a tour step move on when the user clicks its element, and forgets that with the element', async () => {
    server.signIn('editor');
    const host = await open('#/campaigns/new?kind=tour', 'form.campaign-form');
    await type(field(host, 'Name'), 'Click-through tour');
    let step = host.querySelector<HTMLElement>('fieldset.step')!;
    expect(() => field(step, 'Moves on when the user clicks the element', '*')).toThrow();
    await press(field(step, 'Points at an element', '*'));
    await type(field(step, 'Anchor element (CSS selector)', '*'), '#export');
    await press(field(step, 'Moves on when the user clicks the element', '*'));
    await press(buttons(host, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Click-through tour” as version 1');
    const id = /#\/campaigns\/([^/?]+)/.exec(location.hash)![1]!;
    const steps = async () => ((await stored(id)) as unknown as { steps: Record<string, unknown>[] }).steps;
    expect((await steps())[0]).toMatchObject({ anchor: { selector: '#export', placement: 'right' }, advanceOnClick: true });
    // The step's Next button went with it: the editor shows what the user will see.
    expect((await steps())[0]!['content']).toMatchObject({ buttons: [] });

    // Without an element there is nothing to click: both go, and the step saves without either.
    unmountAll();
    const reopened = await open(`#/campaigns/${id}`, 'form.campaign-form');
    step = reopened.querySelector<HTMLElement>('fieldset.step')!;
    expect(field(step, 'Moves on when the user clicks the element', '*').checked).toBe(true);
    await press(field(step, 'Points at an element', '*'));
    expect(() => field(step, 'Moves on when the user clicks the element', '*')).toThrow();
    await press(buttons(reopened, 'Save draft')[0]);
    await settle(() => notice.value === 'Saved “Click-through tour” as version 2');
    expect(Object.keys((await steps())[0]!)).not.toContain('advanceOnClick');
    expect((await steps())[0]!['content']).toMatchObject({ buttons: [{ id: 'next', label: 'Next', action: { type: 'next' } }] });
  });

  it('estimates the reach of the audience as conditions are added', async () => {
    server.signIn('editor');
    const host = await open(`#/campaigns/${ids.draft}`, 'form.campaign-form');
    // Everyone: both clinics' users.
    await settle(() => host.querySelector('.reach-users')?.textContent === '2 users');
    expect(host.querySelector('.reach-accounts')!.textContent).toBe('2 accounts');
    await press(buttons(host, 'Add a condition')[0]);
    // The first condition offered: accounts that have not used the first feature (reminders).
    expect(host.querySelector<HTMLSelectElement>('.condition select')!.value).toBe('account_feature');
    await settle(() => host.querySelector('.reach-users')?.textContent === '1 user');
    expect(host.querySelector('.reach-accounts')!.textContent).toBe('1 account');
  });

  it('aims at people by their latest survey score, with the score to compare with', async () => {
    server.signIn('editor');
    const host = await open(`#/campaigns/${ids.draft}`, 'form.campaign-form');
    await settle(() => host.querySelector('.reach-users')?.textContent === '2 users');
    await press(buttons(host, 'Add a condition')[0]);
    await choose(host.querySelector('.condition select'), 'score');
    // Nobody here has answered a survey: no promoters.
    expect(field(host, 'Score (0–10)').value).toBe('9');
    await settle(() => host.querySelector('.reach-users')?.textContent === '0 users');
    // "Has not answered" compares with no number.
    await choose(field(host, 'Latest score of the last 90 days'), 'none');
    expect(host.querySelectorAll('.condition input[type=number]')).toHaveLength(0);
  });

  it('publishes a draft after saving it, and lists both versions with what changed', async () => {
    server.signIn('editor');
    const id = await create('Publish me', 'draft');
    const host = await open(`#/campaigns/${id}`, 'form.campaign-form');
    await type(field(host, 'Title'), 'New title');
    await press(buttons(host, 'Save and publish')[0]);
    await settle(() => notice.value === 'Published “Publish me” (version 3)');
    expect(await stored(id)).toMatchObject({ status: 'live', version: 3, content: { title: 'New title' } });
    // Live now: saving keeps it live, and it can be paused.
    expect(buttons(host, 'Save changes (stays live)')).toHaveLength(1);
    expect(buttons(host, 'Pause')).toHaveLength(1);
    await settle(() => host.querySelectorAll('#campaign-versions tbody tr').length === 3);
    expect([...host.querySelectorAll('#campaign-versions tbody tr')].map((r) => r.querySelectorAll('td')[1]!.textContent)).toEqual(['Published', 'Updated', 'Created']);
  });

  it('is read-only for viewers: disabled fields, no save or publish', async () => {
    server.signIn('viewer');
    const host = await open(`#/campaigns/${ids.draft}`, 'form.campaign-form');
    expect(field(host, 'Name').disabled).toBe(true);
    expect(buttons(host, /save|publish|add a condition/i)).toHaveLength(0);
  });
});

describe('the results screen', () => {
  it('shows exposures and, for a user outside the audience, which rule keeps them out', async () => {
    server.signIn('viewer');
    const host = await open(`#/campaigns/${ids.live}/results`, '#campaign-explain');
    const metrics = Object.fromEntries([...host.querySelectorAll('.metric')].map((m) => [m.querySelector('dt')!.textContent, m.querySelector('dd')!.textContent]));
    expect(metrics).toEqual({ Exposures: '0', 'Unique users': '0', Clicked: '0', Dismissed: '0', 'Held out': '0' });
    expect(host.querySelector('#campaign-lift')!.textContent).toContain('used feature reminders within 14 days');

    await type(field(host, 'User id', '#campaign-explain'), 'u1');
    await press(buttons(host, 'Explain')[0]);
    await settle(() => !!host.querySelector('.explain-rules'));
    expect(host.querySelector('#campaign-explain [role="status"]')!.textContent).toBe('u1 does not see it: Audience — not in the audience.');
    const audience = [...host.querySelectorAll('.explain-rules > li')].find((li) => li.textContent!.includes('Audience'))!;
    expect(audience.className).toBe('fail');
    expect(audience.querySelector('.explain-conditions li')!.textContent).toContain('account has used feature reminders');

    await type(field(host, 'User id', '#campaign-explain'), 'u2');
    await press(buttons(host, 'Explain')[0]);
    await settle(() => host.querySelector('#campaign-explain [role="status"]')?.textContent === 'u2 would see it now.');
  });

  it('lists one NPS group’s answers, or only those with a comment, under the summary of all', async () => {
    server.signIn('viewer');
    const id = await create('Quarterly NPS', 'live', { kind: 'survey', question: { type: 'nps' } });
    const answer = (userId: string, score: number, comment?: string) => ({
      type: 'track', messageId: `nps-${userId}-${Math.random()}`, timestamp: new Date().toISOString(), userId, event: 'survey_answered',
      properties: { campaignId: id, score, ...(comment ? { comment } : {}) },
    });
    await server.admin('POST', '/v1/batch', { writeKey: server.keys.writeKey, batch: [answer('p1', 10, 'Love it'), answer('p2', 9), answer('d1', 2, 'Too slow')] });
    const host = await open(`#/campaigns/${id}/results`, '#campaign-answers tbody');
    const users = () => [...host.querySelectorAll('#campaign-answers tbody th a')].map((a) => a.textContent);
    expect(users().sort()).toEqual(['d1', 'p1', 'p2']);
    await press(buttons(host.querySelector('#campaign-answers')!, 'Promoters')[0]);
    await settle(() => users().length === 2);
    expect(users().sort()).toEqual(['p1', 'p2']);
    expect(host.querySelector('#campaign-answers .kpi')!.textContent).toBe('NPS 33.3');
    const withComment = host.querySelector<HTMLInputElement>('#campaign-answers input[type=checkbox]')!;
    await act(() => { withComment.checked = true; withComment.dispatchEvent(new Event('change', { bubbles: true })); });
    await settle(() => users().length === 1);
    expect(users()).toEqual(['p1']);
    await press(buttons(host.querySelector('#campaign-answers')!, 'Passives')[0]);
    await settle(() => !!host.querySelector('#campaign-answers .empty'));
    expect(host.querySelector('#campaign-answers .empty')!.textContent).toBe('No answer of these.');
  });
});

describe('the lift interval', () => {
  it('says there is no relative lift while no held-out user converted, instead of asking to wait', async () => {
    const group = (users: number, converted: number) => ({ users, converted, rate: converted / users });
    const comparison = {
      exposed: group(111, 39),
      heldOut: group(33, 0),
      lift: { absolute: { estimate: 0.351, low: 0.218, high: 0.444 }, relative: { estimate: null, low: null, high: null }, significant: true },
    };
    const host = await mount(<LiftSummary comparison={comparison} unit="user" />);
    const text = host.querySelector('.lift-summary p')!.textContent!;
    expect(text).toContain('+35.1 pp (+21.8 pp to +44.4 pp) absolute');
    expect(text).toContain('no relative lift while no held-out user reached the goal');
    expect(text).not.toContain('not measured yet');
  });

  it('draws the interval and the estimate, green when the interval is above zero, and says it in words', async () => {
    const host = await mount(<LiftInterval interval={{ estimate: 0.1, low: 0.04, high: 0.16 }} significant={true} label="Lift" />);
    const svg = host.querySelector('svg')!;
    expect(svg.getAttribute('class')).toBe('lift-interval lift-good');
    expect(svg.getAttribute('aria-label')).toBe(`Lift: ${liftText({ estimate: 0.1, low: 0.04, high: 0.16 })}`);
    const zero = Number(svg.querySelector('line.zero')!.getAttribute('x1'));
    const range = svg.querySelector('rect.range')!;
    expect(Number(range.getAttribute('x'))).toBeGreaterThan(zero);
    expect(Number(svg.querySelector('circle.estimate')!.getAttribute('cx'))).toBeGreaterThan(Number(range.getAttribute('x')));
  });

  it('is grey across zero when not significant, and absent without an estimate', async () => {
    const host = await mount(
      <div>
        <LiftInterval interval={{ estimate: 0.02, low: -0.03, high: 0.07 }} significant={false} label="Lift" />
        <LiftInterval interval={{ estimate: null, low: null, high: null }} significant={false} label="None" />
      </div>,
    );
    expect(host.querySelectorAll('svg')).toHaveLength(1);
    expect(host.querySelector('svg')!.getAttribute('class')).toBe('lift-interval lift-unsure');
    expect(liftText({ estimate: 0.02, low: -0.03, high: 0.07 })).toMatch(/^\+2 pp \(−3 pp to \+7 pp\)$/);
    expect(liftText(undefined)).toBe('not measured yet');
  });
});
