// Seat tier × tenure tier: how many of the listed accounts sit in each cell. Clicking a cell
// filters the table to it (clicking again clears), so a CS team can pick the cells it must not
// lose. The counts follow every other filter of the list; the matrix's own tier filters only
// dim the cells the table leaves out, so each count still says what clicking it would show.
import type { TierMatrix as Matrix } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { accountFilters, isTierCellInTable, isTierCellSelected, toggleTierCell } from '../../state/accounts.ts';

const plural = (n: number) => `${formatNumber(n)} account${n === 1 ? '' : 's'}`;

export function TierMatrix({ matrix }: { matrix: Matrix }) {
  const filters = accountFilters.value;
  const count = (seat: string | null, tenure: string) => matrix.cells.find((c) => c.seat === seat && c.tenure === tenure)?.accounts ?? 0;
  const max = Math.max(1, ...matrix.cells.map((c) => c.accounts));
  const seats = matrix.seat.filter((seat) => seat !== null || matrix.tenure.some((t) => count(null, t) > 0));
  const tierFiltered = filters.seatTier.length > 0 || filters.tenureTier.length > 0;
  const inTable = matrix.cells.reduce((sum, c) => sum + (c.tenure !== null && isTierCellInTable(filters, c.seat, c.tenure) ? c.accounts : 0), 0);
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
                const outside = tierFiltered && !isTierCellInTable(filters, seat, tenure);
                if (seat === null) {
                  return (
                    <td key={tenure} class={`num cell${outside ? ' outside' : ''}`} style={style}>
                      {formatNumber(n)}
                    </td>
                  );
                }
                const pressed = isTierCellSelected(filters, seat, tenure);
                return (
                  <td key={tenure} class={`cell${outside ? ' outside' : ''}`} style={style}>
                    <button
                      type="button"
                      class="cell-button"
                      aria-pressed={pressed}
                      aria-label={`${formatNumber(n)} accounts in seat tier ${seat}, tenure tier ${tenure}${pressed ? ' (showing; press to show all)' : outside ? ' (not in the table)' : ''}`}
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
      <p class="muted small matrix-note">
        {tierFiltered
          ? `Counts of the ${plural(matrix.total)} matching the other filters; the ${plural(inTable)} in the highlighted cells are shown.`
          : `Counts of the ${plural(matrix.total)} shown.`}
      </p>
    </div>
  );
}
