// How the accounts a CS team is looking at spread out: counts per seat tier × tenure tier cell,
// and every account's deployment and utilization rates for the scatter. Both take the list's
// filters, so the charts describe the same accounts as the table beside them.
import type { TiersInput } from '../protocol/analytics.ts';
import type { SqlDb } from '../store/sql.ts';
import { type AccountSelection, accountWhere } from './account-selection.ts';

export interface TierMatrix {
  /** Seat tier names, highest first, then null: accounts without active users have no seat tier. */
  seat: (string | null)[];
  tenure: string[];
  /** Only the cells with accounts in them. */
  cells: { seat: string | null; tenure: string | null; accounts: number }[];
  /** Accounts under the filters: the sum of the cells. */
  total: number;
}

export async function tierMatrix(sql: SqlDb, ws: string, tiers: TiersInput, f: AccountSelection): Promise<TierMatrix> {
  const [clause, params] = accountWhere(ws, f);
  const rows = await sql.all<{ seat: string | null; tenure: string | null; n: number }>(
    `SELECT seat_tier AS seat, tenure_tier AS tenure, count(*) AS n FROM account_metrics WHERE ${clause} GROUP BY seat_tier, tenure_tier`,
    params,
  );
  const cells = rows.map((r) => ({ seat: r.seat, tenure: r.tenure, accounts: Number(r.n) }));
  return {
    seat: [...tiers.seat.map((t) => t.name), null],
    tenure: tiers.tenure.map((t) => t.name),
    cells,
    total: cells.reduce((sum, c) => sum + c.accounts, 0),
  };
}

/**
 * Every account under the filters with both rates, lowest health first, as parallel columns:
 * 10,000 accounts are a few hundred kilobytes this way, far less as rows of full metrics.
 * Rates are rounded to 3 decimals, finer than a chart shows.
 */
export interface AccountRates {
  /** Accounts under the filters, plotted or not. */
  total: number;
  /** Accounts without a deployment or utilization rate (no seats trait, no key features): not in the columns. */
  unplotted: number;
  accountId: string[];
  name: string[];
  deployment: number[];
  utilization: number[];
  contact: ('recent' | 'stale')[];
}

const rounded = (rate: number) => Math.round(rate * 1000) / 1000;

export async function accountRates(sql: SqlDb, ws: string, f: AccountSelection): Promise<AccountRates> {
  const [clause, params] = accountWhere(ws, f);
  const rates: AccountRates = { total: 0, unplotted: 0, accountId: [], name: [], deployment: [], utilization: [], contact: [] };
  await sql.each(
    `SELECT account_id, name, deployment_rate, utilization_rate, contact FROM account_metrics WHERE ${clause}
     ORDER BY health_score IS NULL, health_score ASC, account_id ASC`,
    params,
    ([accountId, name, deployment, utilization, contact]) => {
      rates.total++;
      if (deployment === null || utilization === null) {
        rates.unplotted++;
        return;
      }
      rates.accountId.push(accountId as string);
      rates.name.push(name as string);
      rates.deployment.push(rounded(Number(deployment)));
      rates.utilization.push(rounded(Number(utilization)));
      rates.contact.push(contact as 'recent' | 'stale');
    },
  );
  return rates;
}
