// Accounts: whom to help first. Filters and sort live in the URL; the seat × tenure matrix and
// the deployment × utilization scatter narrow the list; each row opens the account or logs a touch.
import { useState } from 'preact/hooks';
import type { AccountRates, AccountRow, AccountsPage, Overview, TierMatrix as Matrix } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { accountFilters, accountQuery, accountSelection, matrixSelection, PAGE_SIZE, showAccountsPage } from '../../state/accounts.ts';
import { type Resource, useResource } from '../../use-resource.ts';
import { ExportFile } from '../export-file.tsx';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { AccountFilterBar } from './filters.tsx';
import { Scatter } from './scatter.tsx';
import { AccountsTable, type StageNames } from './table.tsx';
import { TierMatrix } from './tier-matrix.tsx';
import { TouchDialog } from './touch-dialog.tsx';

function Pager({ page }: { page: AccountsPage }) {
  const { offset, total } = page;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="secondary small" disabled={offset === 0} onClick={() => showAccountsPage(offset - PAGE_SIZE)}>
        Previous
      </button>
      <span class="muted">
        {formatNumber(offset + 1)}–{formatNumber(Math.min(offset + page.accounts.length, total))} of {formatNumber(total)}
      </span>
      <button type="button" class="secondary small" disabled={offset + PAGE_SIZE >= total} onClick={() => showAccountsPage(offset + PAGE_SIZE)}>
        Next
      </button>
    </nav>
  );
}

export function stageNamesOf(overview: Overview | null): StageNames {
  const names = new Map<string, string>();
  for (const f of overview?.funnels ?? []) for (const s of f.accounts) names.set(`${f.journey}/${s.stage}`, s.name);
  return names;
}

export interface AccountsViewProps {
  page: Resource<AccountsPage>;
  /** Deployment and utilization of every account under the filters. */
  rates: Resource<AccountRates>;
  matrix: Resource<Matrix>;
  /** Stage names and the filters' choices. */
  overview: Resource<Overview>;
  retry: { page: () => void; rates: () => void; matrix: () => void };
  onLogTouch: (account: AccountRow) => void;
}

/** Everything below the heading, from loaded data: what the render budget is measured on. */
export function AccountsView({ page, rates, matrix, overview, retry, onLogTouch }: AccountsViewProps) {
  const loadedOverview = overview.status === 'ready' ? overview.data : null;
  const stageNames = stageNamesOf(loadedOverview);
  return (
    <>
      <AccountFilterBar overview={loadedOverview} tiers={matrix.status === 'ready' ? matrix.data : null} />
      <div class="grid two">
        <Panel title="Seat tier × tenure tier" id="tier-matrix">
          <Loaded resource={matrix} retry={retry.matrix}>
            {(m) => <TierMatrix matrix={m} />}
          </Loaded>
        </Panel>
        <Panel title="Deployment × utilization" id="scatter">
          <Loaded resource={rates} retry={retry.rates} isEmpty={(r) => r.total === 0} empty="No accounts match these filters.">
            {(r) => <Scatter rates={r} />}
          </Loaded>
        </Panel>
      </div>
      <Panel title={page.status === 'ready' ? `${formatNumber(page.data.total)} accounts` : 'Accounts'} id="account-list">
        <Loaded
          resource={page}
          retry={retry.page}
          isEmpty={(p) => p.total === 0}
          empty={
            accountFilters.value.q || Object.values(accountFilters.value).some((v) => Array.isArray(v) && v.length) ? (
              'No accounts match these filters.'
            ) : (
              <>
                No accounts yet. They appear once your product calls <code>uptake.group(accountId, traits)</code>.
              </>
            )
          }
        >
          {(p) => (
            <>
              <AccountsTable accounts={p.accounts} stageNames={stageNames} onLogTouch={onLogTouch} />
              <Pager page={p} />
            </>
          )}
        </Loaded>
      </Panel>
    </>
  );
}

export function AccountsScreen() {
  const api = client.value!;
  const query = accountQuery.value;
  const selection = accountSelection.value;
  const counted = matrixSelection.value;
  const [page, retryPage] = useResource(() => api.accounts(query), [api, JSON.stringify(query)]);
  // Paging and sorting the table leave the charts as they are; choosing a matrix cell leaves the matrix.
  const [rates, retryRates] = useResource(() => api.accountRates(selection), [api, JSON.stringify(selection)]);
  const [matrix, retryMatrix] = useResource(() => api.tierMatrix(counted), [api, JSON.stringify(counted)]);
  const [overview] = useResource(() => api.overview(), [api]);
  const [touching, setTouching] = useState<AccountRow | null>(null);
  // A touch changes the account's contact recency: its row, its dot's colour, and the contact filter's counts.
  const logged = () => {
    retryPage();
    retryRates();
    retryMatrix();
  };
  return (
    <Screen title="Accounts" lead="Lowest health first: who needs help now." actions={<ExportFile label="Export CSV" load={() => client.value!.accountsCsv(accountQuery.value)} filename="accounts.csv" />}>
      <AccountsView page={page} rates={rates} matrix={matrix} overview={overview} retry={{ page: retryPage, rates: retryRates, matrix: retryMatrix }} onLogTouch={setTouching} />
      {touching && <TouchDialog account={touching} onClose={() => setTouching(null)} onLogged={logged} />}
    </Screen>
  );
}
