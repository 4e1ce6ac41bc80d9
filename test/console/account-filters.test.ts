// @vitest-environment happy-dom
// The accounts screen's filters live in the URL: a shared link opens the same view, every filter
// change is a URL change, and the API is asked for exactly what the URL says.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  accountFilters, accountQuery, accountSelection, accountsHref, filtersFromQuery, isTierCellInTable, isTierCellSelected, matrixSelection, sortAccountsBy, showAccountsPage, toggleTierCell,
  updateAccountFilters,
} from '../../server/console/state/accounts.ts';
import { href, navigate, parseRoute, route } from '../../server/console/state/route.ts';

beforeEach(() => navigate('#/accounts'));

describe('routes', () => {
  it('reads deep links with path segments and a query', () => {
    const r = parseRoute('#/accounts/acme%20dental?x=1');
    expect(r.path).toEqual(['accounts', 'acme dental']);
    expect(r.query.get('x')).toBe('1');
  });

  it('opens the overview for a hash that is not a route, such as a one-time #key=', () => {
    expect(parseRoute('#key=sk_abc').path).toEqual([]);
  });

  it('writes lists comma-separated and leaves empty values out', () => {
    expect(href(['accounts'], { health: ['red', 'yellow'], q: '', stage: [] })).toBe('#/accounts?health=red,yellow');
  });
});

describe('account filters and the URL', () => {
  it('a shared link #/accounts?health=red filters the table and asks the API for red accounts', () => {
    navigate('#/accounts?health=red&seatTier=A');
    expect(accountFilters.value.health).toEqual(['red']);
    expect(accountQuery.value).toMatchObject({ health: ['red'], seatTier: ['A'], sort: 'health', order: 'asc', offset: 0, limit: 50 });
  });

  it('changing a filter changes the address bar and starts again at the first page', () => {
    navigate('#/accounts?offset=100');
    updateAccountFilters({ contact: ['stale'] });
    expect(location.hash).toBe('#/accounts?contact=stale');
    expect(accountQuery.value.offset).toBe(0);
  });

  it('Back undoes a filter', async () => {
    updateAccountFilters({ health: ['red'] });
    history.back();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(route.value.query.get('health')).toBeNull();
  });

  it('clicking a column sorts by it, and again flips the order', () => {
    sortAccountsBy('deployment');
    expect(location.hash).toBe('#/accounts?sort=deployment&order=asc');
    sortAccountsBy('deployment');
    expect(accountFilters.value).toMatchObject({ sort: 'deployment', order: 'desc' });
  });

  it('keeps the default sort (lowest health first) out of the link', () => {
    expect(accountsHref(filtersFromQuery(new URLSearchParams('sort=health&order=asc&q=%20')))).toBe('#/accounts');
  });

  it('ignores an unknown sort or a negative page instead of sending it', () => {
    const f = filtersFromQuery(new URLSearchParams('sort=secret&offset=-5'));
    expect(f).toMatchObject({ sort: 'health', offset: 0 });
  });

  it('pages keep the filters', () => {
    navigate('#/accounts?health=red');
    showAccountsPage(50);
    expect(location.hash).toBe('#/accounts?health=red&offset=50');
  });
});

describe('seat tier × tenure tier cells', () => {
  it('a click shows only that cell; a second click shows all again', () => {
    toggleTierCell('B', 'd');
    expect(accountQuery.value).toMatchObject({ seatTier: ['B'], tenureTier: ['d'] });
    expect(isTierCellSelected(accountFilters.value, 'B', 'd')).toBe(true);
    toggleTierCell('B', 'd');
    expect(accountQuery.value).toMatchObject({ seatTier: [], tenureTier: [] });
  });

  it('clicking another cell moves the filter to it and keeps other filters', () => {
    navigate('#/accounts?health=red&seatTier=A&tenureTier=a');
    toggleTierCell('C', 'b');
    expect(location.hash).toBe('#/accounts?health=red&seatTier=C&tenureTier=b');
  });
});

describe('what the charts are asked for', () => {
  it('the scatter plots every account the table lists, on every page and whatever the sort', () => {
    navigate('#/accounts?health=red&seatTier=B&q=dental&sort=name&offset=100');
    expect(accountSelection.value).toEqual({ stage: [], health: ['red'], seatTier: ['B'], tenureTier: [], contact: [], journey: [], q: 'dental' });
  });

  it('the matrix counts under every filter but its own tiers, so each cell says what clicking it would show', () => {
    navigate('#/accounts?health=red&contact=stale&seatTier=B&tenureTier=d');
    expect(matrixSelection.value).toEqual({ stage: [], health: ['red'], contact: ['stale'], journey: [], q: undefined });
  });

  it('knows which cells the table includes: all without tier filters, else those the filters name', () => {
    expect(isTierCellInTable(accountFilters.value, null, 'a')).toBe(true);
    navigate('#/accounts?seatTier=A,B');
    expect(isTierCellInTable(accountFilters.value, 'B', 'c')).toBe(true);
    expect(isTierCellInTable(accountFilters.value, 'C', 'c')).toBe(false);
    expect(isTierCellInTable(accountFilters.value, null, 'c')).toBe(false);
  });
});
