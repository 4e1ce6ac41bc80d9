// The accounts screen's filters and sort, read from and written to the URL so that
// #/accounts?health=red&seatTier=A is a shareable view and Back undoes a filter.
import { computed } from '@preact/signals';
import type { AccountQuery, AccountSelection } from '../api.ts';
import { href, navigate, route } from './route.ts';

export const ACCOUNT_LIST_FILTERS = ['stage', 'health', 'seatTier', 'tenureTier', 'contact', 'journey'] as const;
export type ListFilter = (typeof ACCOUNT_LIST_FILTERS)[number];

export const ACCOUNT_SORTS = ['name', 'health', 'stage', 'deployment', 'utilization', 'activeUsers', 'lastActive', 'lastTouch', 'nps'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** Rows per page of the table. */
export const PAGE_SIZE = 50;

export interface AccountFilters extends Record<ListFilter, string[]> {
  q: string;
  sort: AccountSort;
  order: 'asc' | 'desc';
  offset: number;
}

/** Lowest health first: the accounts that need help come to the top. */
const DEFAULTS = { sort: 'health', order: 'asc' } as const;

export function filtersFromQuery(query: URLSearchParams): AccountFilters {
  const list = (name: string) => (query.get(name) ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  const sort = query.get('sort') as AccountSort | null;
  const offset = Number(query.get('offset'));
  return {
    stage: list('stage'),
    health: list('health'),
    seatTier: list('seatTier'),
    tenureTier: list('tenureTier'),
    contact: list('contact'),
    journey: list('journey'),
    q: query.get('q') ?? '',
    sort: sort && ACCOUNT_SORTS.includes(sort) ? sort : DEFAULTS.sort,
    order: query.get('order') === 'desc' ? 'desc' : query.get('order') === 'asc' ? 'asc' : DEFAULTS.order,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The URL of the accounts screen with these filters; defaults are left out to keep links short. */
export function accountsHref(f: AccountFilters): string {
  return href(['accounts'], {
    ...Object.fromEntries(ACCOUNT_LIST_FILTERS.map((name) => [name, f[name]])),
    q: f.q.trim(),
    sort: f.sort === DEFAULTS.sort && f.order === DEFAULTS.order ? undefined : f.sort,
    order: f.sort === DEFAULTS.sort && f.order === DEFAULTS.order ? undefined : f.order,
    offset: f.offset || undefined,
  });
}

export const accountFilters = computed(() => filtersFromQuery(route.value.query));

/** The accounts the table shows, on every page: what the scatter plots. */
export const accountSelection = computed<AccountSelection>(() => {
  const f = accountFilters.value;
  return { ...Object.fromEntries(ACCOUNT_LIST_FILTERS.map((name) => [name, f[name]])), q: f.q.trim() || undefined };
});

/**
 * What the seat × tenure matrix counts: the selection without its own tier filters, so that with
 * a cell chosen the other cells still say how many accounts clicking them would show.
 */
export const matrixSelection = computed<AccountSelection>(() => {
  const { seatTier: _seat, tenureTier: _tenure, ...others } = accountSelection.value;
  return others;
});

/** What GET /api/v1/accounts is asked for the current table page. */
export const accountQuery = computed<AccountQuery>(() => {
  const f = accountFilters.value;
  return { ...accountSelection.value, sort: f.sort, order: f.order, limit: PAGE_SIZE, offset: f.offset };
});

export const activeFilterCount = computed(() => {
  const f = accountFilters.value;
  return ACCOUNT_LIST_FILTERS.reduce((n, name) => n + (f[name].length ? 1 : 0), 0) + (f.q.trim() ? 1 : 0);
});

/** Changes filters and goes back to the first page, since the old page may no longer exist. */
export function updateAccountFilters(patch: Partial<AccountFilters>, options: { replace?: boolean } = {}): void {
  navigate(accountsHref({ ...accountFilters.value, offset: 0, ...patch }), options);
}

export function clearAccountFilters(): void {
  const { sort, order } = accountFilters.value;
  navigate(accountsHref({ ...filtersFromQuery(new URLSearchParams()), sort, order }));
}

/** Click a column heading: sort by it, or flip the order when it is already the sort. */
export function sortAccountsBy(column: AccountSort): void {
  const f = accountFilters.value;
  const order = f.sort === column ? (f.order === 'asc' ? 'desc' : 'asc') : 'asc';
  navigate(accountsHref({ ...f, sort: column, order, offset: 0 }));
}

export function showAccountsPage(offset: number): void {
  navigate(accountsHref({ ...accountFilters.value, offset: Math.max(0, offset) }));
}

/** Whether the table shows exactly this seat × tenure cell. */
export function isTierCellSelected(f: AccountFilters, seat: string, tenure: string): boolean {
  return f.seatTier.length === 1 && f.seatTier[0] === seat && f.tenureTier.length === 1 && f.tenureTier[0] === tenure;
}

/** Whether the table's tier filters let this cell's accounts in (no tier filter lets all in). */
export function isTierCellInTable(f: AccountFilters, seat: string | null, tenure: string): boolean {
  return (f.seatTier.length === 0 || (seat !== null && f.seatTier.includes(seat))) && (f.tenureTier.length === 0 || f.tenureTier.includes(tenure));
}

/** Click a cell of the seat × tenure matrix: show only that cell, or click again to show all. */
export function toggleTierCell(seat: string, tenure: string): void {
  const selected = isTierCellSelected(accountFilters.value, seat, tenure);
  updateAccountFilters(selected ? { seatTier: [], tenureTier: [] } : { seatTier: [seat], tenureTier: [tenure] });
}
