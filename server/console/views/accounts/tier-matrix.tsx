// Seat tier × tenure tier: how many accounts sit in each cell. Clicking a cell filters the table
// to it (clicking again clears), so a CS team can pick the cells it must not lose.
import type { Overview } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { accountFilters, isTierCellSelected, toggleTierCell } from '../../state/accounts.ts';

type Matrix = Overview['tierMatrix'];

export function TierMatrix({ matrix }: { matrix: Matrix }) {
  const filters = accountFilters.value;
  const count = (seat: string | null, tenure: string) => matrix.cells.find((c) => c.seat === seat && c.tenure === tenure)?.accounts ?? 0;
  const max = Math.max(1, ...matrix.cells.map((c) => c.accounts));
  const seats = matrix.seat.filter((seat) => seat !== null || matrix.tenure.some((t) => count(null, t) > 0));
  return (
    <div class="table-wrap">
      <table class="matrix">
        <caption>Accounts by seat tier (active users) and tenure tier (months as a customer)</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Seat tier</span>
            </th>
            {matrix.tenure.map((t) => (
              <th key={t} scope="col" class="num">
                tenure {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {seats.map((seat) => (
            <tr key={seat ?? 'none'}>
              <th scope="row">{seat === null ? 'no active users' : `seats ${seat}`}</th>
              {matrix.tenure.map((tenure) => {
                const n = count(seat, tenure);
                // Heat from the count, so the full cells stand out without reading every number.
                const style = { '--heat': (n / max).toFixed(2) };
                if (seat === null) {
                  return (
                    <td key={tenure} class="num cell" style={style}>
                      {formatNumber(n)}
                    </td>
                  );
                }
                const pressed = isTierCellSelected(filters, seat, tenure);
                return (
                  <td key={tenure} class="cell" style={style}>
                    <button
                      type="button"
                      class="cell-button"
                      aria-pressed={pressed}
                      aria-label={`${formatNumber(n)} accounts in seat tier ${seat}, tenure tier ${tenure}${pressed ? ' (showing; press to show all)' : ''}`}
                      onClick={() => toggleTierCell(seat, tenure)}
                    >
                      {formatNumber(n)}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
