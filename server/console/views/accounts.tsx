// Customer accounts, most recently active first, a page at a time.
import { useState } from 'preact/hooks';
import type { Client } from '../api.ts';
import { useResource } from '../use-resource.ts';
import { formatDate, formatNumber, Loaded } from './status.tsx';

const PAGE = 25;

export function Accounts({ client }: { client: Client }) {
  const [offset, setOffset] = useState(0);
  const [resource, retry] = useResource(() => client.accounts(offset, PAGE), [client, offset]);
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      <Loaded resource={resource} retry={retry}>
        {({ accounts, total }) =>
          total === 0 ? (
            <p class="muted">No accounts yet. They appear when your product calls uptake.group(accountId, traits).</p>
          ) : (
            <>
              <table>
                <thead>
                  <tr>
                    <th>Account</th>
                    <th>Plan</th>
                    <th class="num">Seats</th>
                    <th class="num">Users</th>
                    <th>Features used</th>
                    <th>Last active</th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.map((a) => (
                    <tr key={a.id}>
                      <td>
                        {String(a.traits['name'] ?? a.id)}
                        <div class="muted">{a.id}</div>
                      </td>
                      <td>{String(a.traits['plan'] ?? '—')}</td>
                      <td class="num">{typeof a.traits['seats'] === 'number' ? formatNumber(a.traits['seats']) : '—'}</td>
                      <td class="num">{formatNumber(a.users)}</td>
                      <td>{a.featuresUsed.length ? a.featuresUsed.join(', ') : <span class="muted">none</span>}</td>
                      <td>{formatDate(a.lastSeen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div class="pager">
                <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  Previous
                </button>
                <span class="muted">
                  {formatNumber(offset + 1)}–{formatNumber(Math.min(offset + PAGE, total))} of {formatNumber(total)}
                </span>
                <button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                  Next
                </button>
              </div>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
