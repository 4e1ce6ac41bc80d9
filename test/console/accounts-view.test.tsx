// @vitest-environment happy-dom
// The accounts screen from loaded data: the first page of 10,000 accounts, the matrix filtering
// the table, the scatter's colours and clicks, and what viewers see. (The 200 ms render budget is
// measured in real Chromium: test/e2e/console-accounts.test.ts.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow, AccountsPage } from '../../server/console/api.ts';
import { accountQuery } from '../../server/console/state/accounts.ts';
import { navigate } from '../../server/console/state/route.ts';
import type { Resource } from '../../server/console/use-resource.ts';
import { AccountsView } from '../../server/console/views/accounts/accounts.tsx';
import { CONTACT_COLOURS, Scatter } from '../../server/console/views/accounts/scatter.tsx';
import { accountRow, accountRows, overviewOf } from './accounts-fixture.ts';
import { buttons, mount, press, signInAs, unmountAll } from './dom.ts';

const ready = <T,>(data: T): Resource<T> => ({ status: 'ready', data, refreshing: false });
const noop = () => {};
const retry = { page: noop, spread: noop, overview: noop };

function pageOf(rows: AccountRow[], total: number, limit: number): AccountsPage {
  return { total, limit, offset: 0, accounts: [...rows].sort((a, b) => a.health.score! - b.health.score!).slice(0, limit) };
}

beforeEach(() => {
  navigate('#/accounts');
  signInAs('editor');
});
afterEach(unmountAll);

describe('the accounts screen with 10,000 accounts', () => {
  const all = accountRows(10_000);
  const props = () => ({ page: ready(pageOf(all, all.length, 50)), spread: ready(pageOf(all, all.length, 500)), overview: ready(overviewOf(all)), retry, onLogTouch: noop });

  it('renders the first page of 50, the 500 lowest-health accounts as dots, and the total', async () => {
    const host = await mount(<AccountsView {...props()} />);
    expect(host.querySelectorAll('table.accounts tbody tr')).toHaveLength(50);
    expect(host.querySelectorAll('.dots circle')).toHaveLength(500);
    expect(host.textContent).toContain(`${(10_000).toLocaleString()} accounts`);
    expect(host.querySelector('.pager')!.textContent).toContain(`1–50 of ${(10_000).toLocaleString()}`);
  });

  it('counts accounts per seat × tenure cell and filters the table by a clicked cell', async () => {
    const host = await mount(<AccountsView {...props()} />);
    const cell = buttons(host, /in seat tier B, tenure tier d/)[0]!;
    expect(cell.textContent).toBe((625).toLocaleString());
    await press(cell);
    expect(location.hash).toBe('#/accounts?seatTier=B&tenureTier=d');
    expect(accountQuery.value).toMatchObject({ seatTier: ['B'], tenureTier: ['d'] });
    expect(buttons(host, /in seat tier B, tenure tier d/)[0]!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('the deployment × utilization scatter', () => {
  const recent = accountRow(1, { accountId: 'recent-high', name: 'Touched Clinic', contact: 'recent', deploymentRate: 0.9, utilizationRate: 0.8 });
  const stale = accountRow(2, { accountId: 'stale-low', name: 'Forgotten Clinic', contact: 'stale', deploymentRate: 0.1, utilizationRate: 0.2 });
  const noSeats = accountRow(3, { accountId: 'no-seats', deploymentRate: null });

  it('colours dots blue for a recent CS touch and red for none, and puts low rates bottom-left', async () => {
    const host = await mount(<Scatter accounts={[recent, stale, noSeats]} total={3} />);
    const dot = (id: string) => host.querySelector(`circle[data-account="${id}"]`)!;
    expect(dot('recent-high').getAttribute('fill')).toBe(CONTACT_COLOURS.recent);
    expect(dot('stale-low').getAttribute('fill')).toBe(CONTACT_COLOURS.stale);
    expect(Number(dot('stale-low').getAttribute('cx'))).toBeLessThan(Number(dot('recent-high').getAttribute('cx')));
    expect(Number(dot('stale-low').getAttribute('cy'))).toBeGreaterThan(Number(dot('recent-high').getAttribute('cy')));
    expect(dot('no-seats')).toBeNull();
    expect(host.textContent).toContain('1 without deployment or utilization data');
  });

  it('lists red dots in the needs-help corner as the top priority, as links', async () => {
    const host = await mount(<Scatter accounts={[recent, stale]} total={2} />);
    const priority = host.querySelector('.priority')!;
    expect(priority.textContent).toContain('Forgotten Clinic');
    expect(priority.textContent).not.toContain('Touched Clinic');
    expect(priority.querySelector('a')!.getAttribute('href')).toBe('#/accounts/stale-low');
  });

  it('opens the account when its dot is clicked', async () => {
    const host = await mount(<Scatter accounts={[stale]} total={1} />);
    await press(host.querySelector('.dots circle'));
    expect(location.hash).toBe('#/accounts/stale-low');
  });
});

describe('roles', () => {
  const rows = accountRows(5);
  const props = { page: ready(pageOf(rows, 5, 50)), spread: ready(pageOf(rows, 5, 500)), overview: ready(overviewOf(rows)), retry, onLogTouch: noop };

  it('editors can log a touch from each row', async () => {
    const host = await mount(<AccountsView {...props} />);
    expect(buttons(host, /Log a touch with/)).toHaveLength(5);
  });

  it('viewers see the same accounts without a way to change anything', async () => {
    signInAs('viewer');
    const host = await mount(<AccountsView {...props} />);
    expect(host.querySelectorAll('table.accounts tbody tr')).toHaveLength(5);
    expect(buttons(host, /Log a touch/)).toHaveLength(0);
  });
});

describe('states', () => {
  it('says when no account matches the filters, and when there are no accounts at all', async () => {
    navigate('#/accounts?health=red');
    const empty = ready<AccountsPage>({ total: 0, limit: 50, offset: 0, accounts: [] });
    const host = await mount(<AccountsView page={empty} spread={empty} overview={ready(overviewOf([]))} retry={retry} onLogTouch={noop} />);
    expect(host.querySelector('#account-list-title')!.closest('section')!.textContent).toContain('No accounts match these filters.');
    await unmountAll();
    navigate('#/accounts');
    const none = await mount(<AccountsView page={empty} spread={empty} overview={ready(overviewOf([]))} retry={retry} onLogTouch={noop} />);
    expect(none.textContent).toContain('No accounts yet');
  });

  it('shows what failed with a retry button, and loading while waiting', async () => {
    let retried = 0;
    const failed: Resource<AccountsPage> = { status: 'error', error: new Error('the server answered HTTP 500') };
    const host = await mount(<AccountsView page={failed} spread={{ status: 'loading' }} overview={{ status: 'loading' }} retry={{ ...retry, page: () => retried++ }} onLogTouch={noop} />);
    expect(host.querySelector('[role=alert]')!.textContent).toContain('the server answered HTTP 500');
    expect(host.querySelectorAll('[role=status]').length).toBeGreaterThan(0);
    await press(buttons(host, 'Try again')[0]);
    expect(retried).toBe(1);
  });
});
