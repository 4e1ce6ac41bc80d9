// @vitest-environment happy-dom
// The accounts screen from loaded data: the first page of 10,000 accounts, all of them on the
// scatter, the matrix counting the listed accounts and filtering the table, the scatter's colours,
// hover and clicks, and what viewers see. (The 200 ms render budget is measured in real
// Chromium: test/e2e/console-accounts.test.ts.)
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow, AccountsPage } from '../../server/console/api.ts';
import { accountQuery } from '../../server/console/state/accounts.ts';
import { navigate } from '../../server/console/state/route.ts';
import type { Resource } from '../../server/console/use-resource.ts';
import { AccountsView } from '../../server/console/views/accounts/accounts.tsx';
import { CONTACT_COLOURS, nearestDot, plotOf, Scatter, toChart } from '../../server/console/views/accounts/scatter.tsx';
import { accountRow, accountRows, matrixOf, overviewOf, ratesOf } from './accounts-fixture.ts';
import { buttons, mount, press, signInAs, unmountAll } from './dom.ts';

const ready = <T,>(data: T): Resource<T> => ({ status: 'ready', data, refreshing: false });
const noop = () => {};
const retry = { page: noop, rates: noop, matrix: noop };

function pageOf(rows: AccountRow[], total: number, limit: number): AccountsPage {
  return { total, limit, offset: 0, accounts: [...rows].sort((a, b) => a.health.score! - b.health.score!).slice(0, limit) };
}

const viewProps = (rows: AccountRow[]) => ({
  page: ready(pageOf(rows, rows.length, 50)),
  rates: ready(ratesOf(rows)),
  matrix: ready(matrixOf(rows)),
  overview: ready(overviewOf(rows)),
  retry,
  onLogTouch: noop,
});

/** The dots a path draws: one "M x y h0" per account. */
const dotsOf = (path: Element | null) => [...(path?.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)h0/g)].map((m) => [Number(m[1]), Number(m[2])] as const);

/** Moves the pointer to (x, y) in chart units, on an SVG laid out at its natural 420 × 300. */
async function pointAt(svg: SVGSVGElement, x: number, y: number, type: 'mousemove' | 'click' = 'mousemove') {
  svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 420, height: 300, right: 420, bottom: 300, x: 0, y: 0, toJSON: noop }) as DOMRect;
  await act(() => {
    svg.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y }));
  });
}

beforeEach(() => {
  navigate('#/accounts');
  signInAs('editor');
});
afterEach(unmountAll);

describe('the accounts screen with 10,000 accounts', () => {
  const all = accountRows(10_000);

  it('renders the first page of 50, every one of the 10,000 accounts as a dot, and the total', async () => {
    const props = viewProps(all);
    const started = performance.now();
    const host = await mount(<AccountsView {...props} />);
    console.log(`accounts view with 10,000 plotted accounts rendered in happy-dom in ${(performance.now() - started).toFixed(0)} ms`);
    expect(host.querySelectorAll('table.accounts tbody tr')).toHaveLength(50);
    expect(dotsOf(host.querySelector('.dots .contact-recent')).length + dotsOf(host.querySelector('.dots .contact-stale')).length).toBe(10_000);
    expect(host.querySelector('.scatter')!.textContent).toContain(`${(10_000).toLocaleString()} accounts plotted`);
    expect(host.textContent).toContain(`${(10_000).toLocaleString()} accounts`);
    expect(host.querySelector('.pager')!.textContent).toContain(`1–50 of ${(10_000).toLocaleString()}`);
  });

  it('counts the listed accounts per seat × tenure cell, says so, and filters the table by a clicked cell', async () => {
    const host = await mount(<AccountsView {...viewProps(all)} />);
    expect(host.querySelector('.matrix-note')!.textContent).toBe(`Counts of the ${(10_000).toLocaleString()} accounts shown.`);
    const cell = buttons(host, /in seat tier B, tenure tier d/)[0]!;
    expect(cell.textContent).toBe((625).toLocaleString());
    await press(cell);
    expect(location.hash).toBe('#/accounts?seatTier=B&tenureTier=d');
    expect(accountQuery.value).toMatchObject({ seatTier: ['B'], tenureTier: ['d'] });
    expect(buttons(host, /in seat tier B, tenure tier d/)[0]!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('the seat × tenure matrix under filters', () => {
  const rows = accountRows(64);
  const red = rows.filter((r) => r.health.colour === 'red');

  it('counts what the other filters leave, and with a cell chosen dims the cells the table leaves out', async () => {
    navigate('#/accounts?health=red&seatTier=B&tenureTier=d');
    const inCell = red.filter((r) => r.seatTier === 'B' && r.tenureTier === 'd').length;
    const host = await mount(<AccountsView {...viewProps(red)} />);
    expect(host.querySelector('.matrix-note')!.textContent).toBe(`Counts of the ${red.length} accounts matching the other filters; the ${inCell} account${inCell === 1 ? '' : 's'} in the highlighted cells are shown.`);
    const chosen = buttons(host, /in seat tier B, tenure tier d/)[0]!;
    expect(chosen.closest('td')!.classList.contains('outside')).toBe(false);
    const other = buttons(host, /in seat tier A, tenure tier a/)[0]!;
    expect(other.closest('td')!.classList.contains('outside')).toBe(true);
    expect(other.getAttribute('aria-label')).toContain('(not in the table)');
    expect(Number(other.textContent)).toBe(red.filter((r) => r.seatTier === 'A' && r.tenureTier === 'a').length);
  });
});

describe('the deployment × utilization scatter', () => {
  const recent = accountRow(1, { accountId: 'recent-high', name: 'Touched Clinic', contact: 'recent', deploymentRate: 0.9, utilizationRate: 0.8 });
  const stale = accountRow(2, { accountId: 'stale-low', name: 'Forgotten Clinic', contact: 'stale', deploymentRate: 0.1, utilizationRate: 0.2 });
  const noSeats = accountRow(3, { accountId: 'no-seats', deploymentRate: null });

  it('draws blue dots for a recent CS touch and red for none, with low rates bottom-left', async () => {
    const host = await mount(<Scatter rates={ratesOf([recent, stale, noSeats])} />);
    const blue = host.querySelector('.dots .contact-recent')!;
    const red = host.querySelector('.dots .contact-stale')!;
    expect(blue.getAttribute('stroke')).toBe(CONTACT_COLOURS.recent);
    expect(red.getAttribute('stroke')).toBe(CONTACT_COLOURS.stale);
    const [[blueX, blueY]] = dotsOf(blue) as [readonly [number, number]];
    const [[redX, redY]] = dotsOf(red) as [readonly [number, number]];
    expect(redX).toBeLessThan(blueX);
    expect(redY).toBeGreaterThan(blueY);
    expect(host.textContent).toContain('2 accounts plotted');
    expect(host.textContent).toContain('1 without deployment or utilization data');
  });

  it('lists red dots in the needs-help corner as the top priority, as links', async () => {
    const host = await mount(<Scatter rates={ratesOf([recent, stale])} />);
    const priority = host.querySelector('.priority')!;
    expect(priority.textContent).toContain('Forgotten Clinic');
    expect(priority.textContent).not.toContain('Touched Clinic');
    expect(priority.querySelector('a')!.getAttribute('href')).toBe('#/accounts/stale-low');
  });

  it('names the account under the pointer, and opens it on a click', async () => {
    const rates = ratesOf([recent, stale]);
    const plot = plotOf(rates);
    const host = await mount(<Scatter rates={rates} />);
    const svg = host.querySelector('svg')!;
    const i = rates.accountId.indexOf('stale-low');
    await pointAt(svg, plot.x[i]! + 2, plot.y[i]! - 1);
    expect(host.querySelector('.hover-label')!.textContent).toBe('Forgotten Clinic: deployment 10%, utilization 20%, contact stale');
    await pointAt(svg, plot.x[i]! + 2, plot.y[i]! - 1, 'click');
    expect(location.hash).toBe('#/accounts/stale-low');
  });

  it('does nothing for a click on empty chart space', async () => {
    const host = await mount(<Scatter rates={ratesOf([recent, stale])} />);
    const svg = host.querySelector('svg')!;
    await pointAt(svg, 60, 20);
    expect(host.querySelector('.hover-label')!.textContent).toBe('Point at a dot to name its account; click to open it.');
    await pointAt(svg, 60, 20, 'click');
    expect(location.hash).toBe('#/accounts');
  });

  it('finds the nearest of 10,000 dots, or none beyond reach', () => {
    const rates = ratesOf(accountRows(10_000));
    const plot = plotOf(rates);
    const started = performance.now();
    const found = nearestDot(plot, plot.x[1234]!, plot.y[1234]!);
    const elapsed = performance.now() - started;
    console.log(`nearest of 10,000 dots found in ${elapsed.toFixed(2)} ms`);
    // Another dot may sit exactly on top; whichever it is, it is at the same spot.
    expect([plot.x[found], plot.y[found]]).toEqual([plot.x[1234], plot.y[1234]]);
    expect(nearestDot({ x: new Float64Array([100]), y: new Float64Array([100]) }, 120, 100)).toBe(-1);
  });

  it('maps the pointer into the chart when CSS caps the height and centres the chart', () => {
    // Laid out 840 wide but only 300 high: the 420 × 300 chart sits in the middle, at scale 1.
    expect(toChart({ left: 10, top: 20, width: 840, height: 300 }, 10 + 210 + 44, 20 + 12)).toEqual([44, 12]);
    // Twice the size: twice the pixels per chart unit.
    expect(toChart({ left: 0, top: 0, width: 840, height: 600 }, 88, 24)).toEqual([44, 12]);
  });
});

describe('roles', () => {
  const rows = accountRows(5);

  it('editors can log a touch from each row', async () => {
    const host = await mount(<AccountsView {...viewProps(rows)} />);
    expect(buttons(host, /Log a touch with/)).toHaveLength(5);
  });

  it('viewers see the same accounts without a way to change anything', async () => {
    signInAs('viewer');
    const host = await mount(<AccountsView {...viewProps(rows)} />);
    expect(host.querySelectorAll('table.accounts tbody tr')).toHaveLength(5);
    expect(buttons(host, /Log a touch/)).toHaveLength(0);
  });
});

describe('states', () => {
  it('says when no account matches the filters, and when there are no accounts at all', async () => {
    navigate('#/accounts?health=red');
    const empty = { ...viewProps([]), page: ready<AccountsPage>({ total: 0, limit: 50, offset: 0, accounts: [] }) };
    const host = await mount(<AccountsView {...empty} />);
    expect(host.querySelector('#account-list-title')!.closest('section')!.textContent).toContain('No accounts match these filters.');
    expect(host.querySelector('#scatter-title')!.closest('section')!.textContent).toContain('No accounts match these filters.');
    await unmountAll();
    navigate('#/accounts');
    const none = await mount(<AccountsView {...empty} />);
    expect(none.textContent).toContain('No accounts yet');
  });

  it('shows what failed with a retry button, and loading while waiting', async () => {
    let retried = 0;
    const failed: Resource<AccountsPage> = { status: 'error', error: new Error('the server answered HTTP 500') };
    const host = await mount(
      <AccountsView page={failed} rates={{ status: 'loading' }} matrix={{ status: 'loading' }} overview={{ status: 'loading' }} retry={{ ...retry, page: () => retried++ }} onLogTouch={noop} />,
    );
    expect(host.querySelector('[role=alert]')!.textContent).toContain('the server answered HTTP 500');
    expect(host.querySelectorAll('[role=status]').length).toBeGreaterThan(0);
    await press(buttons(host, 'Try again')[0]);
    expect(retried).toBe(1);
  });
});
