// The accounts table: sortable columns (buttons in the headings, announced with aria-sort).
import type { AccountRow } from '../../api.ts';
import { formatAgo, formatDateTime, formatNumber, formatPercent, formatSigned, humanize } from '../../format.ts';
import { accountFilters, type AccountSort, sortAccountsBy } from '../../state/accounts.ts';
import { canEdit } from '../../state/role.ts';
import { HealthBadge } from '../health-badge.tsx';
import { ActionsHeading } from '../screen.tsx';

const COLUMNS: { label: string; sort?: AccountSort; num?: boolean }[] = [
  { label: 'Account', sort: 'name' },
  { label: 'Health', sort: 'health' },
  { label: 'Stage', sort: 'stage' },
  { label: 'Deployment', sort: 'deployment', num: true },
  { label: 'Utilization', sort: 'utilization', num: true },
  { label: 'Active users', sort: 'activeUsers', num: true },
  { label: 'Seat tier' },
  { label: 'Tenure tier' },
  { label: 'Last touch', sort: 'lastTouch' },
  { label: 'NPS', sort: 'nps', num: true },
];

function Heading({ column }: { column: (typeof COLUMNS)[number] }) {
  const { sort, order } = accountFilters.value;
  const active = column.sort && sort === column.sort;
  return (
    <th scope="col" class={column.num ? 'num' : undefined} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      {column.sort ? (
        <button type="button" class="sort" onClick={() => sortAccountsBy(column.sort!)}>
          {column.label}
          <span aria-hidden="true" class="arrow">
            {active ? (order === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      ) : (
        column.label
      )}
    </th>
  );
}

/** Stage names by "journey/stage", from the journeys' funnels; keys are shown humanized until they arrive. */
export type StageNames = ReadonlyMap<string, string>;

export function AccountsTable({ accounts, stageNames, onLogTouch }: { accounts: AccountRow[]; stageNames: StageNames; onLogTouch: (account: AccountRow) => void }) {
  const editable = canEdit.value;
  return (
    <div class="table-wrap">
      <table class="accounts">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <Heading key={c.label} column={c} />
            ))}
            {editable && (
              <ActionsHeading />
            )}
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.accountId}>
              <th scope="row">
                <a href={`#/accounts/${encodeURIComponent(a.accountId)}`}>{a.name}</a>
                {a.name !== a.accountId && <div class="muted small">{a.accountId}</div>}
              </th>
              <td>
                <HealthBadge health={a.health} />
              </td>
              <td>{stageNames.get(`${a.journey}/${a.stage}`) ?? humanize(a.stage)}</td>
              <td class="num">{formatPercent(a.deploymentRate)}</td>
              <td class="num">{formatPercent(a.utilizationRate)}</td>
              <td class="num">{formatNumber(a.activeUsers30d)}</td>
              <td>{a.seatTier ?? '—'}</td>
              <td>{a.tenureTier ?? '—'}</td>
              <td class={`contact-${a.contact}`}>
                <time dateTime={a.lastTouchAt ?? undefined} title={a.lastTouchAt ? formatDateTime(a.lastTouchAt) : undefined}>
                  {formatAgo(a.lastTouchAt)}
                </time>
                {a.lastTouchChannel && <span class="muted small"> · {a.lastTouchChannel}</span>}
              </td>
              <td class={a.nps?.score != null && a.nps.score < 0 ? 'num nps-negative' : 'num'} title={a.nps ? `${a.nps.responses} answers in 90 days` : 'no survey scores in 90 days'}>
                {a.nps?.score == null ? '—' : formatSigned(a.nps.score)}
              </td>
              {editable && (
                <td>
                  <button type="button" class="secondary small" onClick={() => onLogTouch(a)} aria-label={`Log a touch with ${a.name}`}>
                    Log touch
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
