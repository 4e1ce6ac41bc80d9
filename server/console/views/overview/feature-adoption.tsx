// Share of accounts and users that used each feature; key features count toward breadth.
import type { Overview } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { Panel } from '../screen.tsx';
import { Empty } from '../status.tsx';

export function FeatureAdoption({ features }: { features: Overview['featureAdoption'] }) {
  return (
    <Panel title="Feature adoption">
      {features.length === 0 ? (
        <Empty>
          No features defined yet. <a href="#/features">Define the features</a> that matter to your customers' success.
        </Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">Accounts</th>
                <th scope="col">Users</th>
              </tr>
            </thead>
            <tbody>
              {[...features]
                .sort((a, b) => (b.accountRate ?? 0) - (a.accountRate ?? 0))
                .map((f) => (
                  <tr key={f.feature}>
                    <th scope="row">
                      {f.name} {f.isKey && <span class="pill">key</span>}
                    </th>
                    <td>
                      <div class="bar-cell">
                        <div class="bar" aria-hidden="true">
                          <span style={{ width: `${Math.round((f.accountRate ?? 0) * 100)}%` }} />
                        </div>
                        <span class="num">{formatPercent(f.accountRate)}</span>
                        <span class="muted small">({formatNumber(f.accounts)})</span>
                      </div>
                    </td>
                    <td class="num">
                      {formatPercent(f.userRate)} <span class="muted small">({formatNumber(f.users)})</span>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
