// Campaigns ranked by measured lift: goal conversion of exposed users against held-out users,
// with its 95 % interval. Hidden when the server has no campaigns API.
import type { Campaign, CampaignResults } from '../../api.ts';
import { ApiFailure } from '../../api.ts';
import { formatNumber, formatPercent, formatPoints } from '../../format.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { missingLift } from '../campaigns/lift-interval.tsx';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';

/** At most this many campaigns' results are fetched for the overview. */
const MOST = 20;

export interface RankedCampaign {
  campaign: Campaign;
  results: CampaignResults;
}

/** Highest lift first; campaigns without a measurable lift (no goal, no holdout) after, by exposures. */
export function rankByLift(rows: RankedCampaign[]): RankedCampaign[] {
  const lift = (r: RankedCampaign) => r.results.users?.lift.absolute.estimate ?? null;
  return [...rows].sort((a, b) => {
    const [la, lb] = [lift(a), lift(b)];
    if (la !== null && lb !== null) return lb - la;
    if (la !== null || lb !== null) return la === null ? 1 : -1;
    return b.results.exposures - a.results.exposures;
  });
}

async function loadRanked(): Promise<RankedCampaign[] | null> {
  const api = client.value!;
  try {
    const campaigns = (await api.campaigns()).filter((c) => c.status !== 'draft').slice(0, MOST);
    const results = await Promise.all(campaigns.map((c) => api.campaignResults(c.id).catch(() => null)));
    return rankByLift(campaigns.flatMap((campaign, i) => (results[i] ? [{ campaign, results: results[i]! }] : [])));
  } catch (error) {
    // A server without campaigns answers 404: there is simply nothing to rank.
    if (error instanceof ApiFailure && error.status === 404) return null;
    throw error;
  }
}

function Lift({ campaign, results }: RankedCampaign) {
  const missing = missingLift(campaign, results);
  if (missing) return <span class="muted">{missing}</span>;
  const users = results.users!;
  const { estimate, low, high } = users.lift.absolute;
  return (
    <span class={users.lift.significant ? ((estimate ?? 0) > 0 ? 'good' : 'bad') : undefined}>
      {formatPoints(estimate)}{' '}
      <span class="muted small">
        ({formatPoints(low)} to {formatPoints(high)}){users.lift.significant ? '' : ' · not significant'}
      </span>
    </span>
  );
}

export function CampaignLift() {
  const api = client.value!;
  const [resource, retry] = useResource(loadRanked, [api]);
  if (resource.status === 'ready' && resource.data === null) return null;
  return (
    <Panel title="Campaigns ranked by measured lift" actions={<a href="#/campaigns">All campaigns</a>}>
      <Loaded resource={resource} retry={retry} isEmpty={(rows) => !rows?.length} empty="No published campaigns yet: lift appears once a live campaign with a goal and a holdout has been shown.">
        {(rows) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col" class="num">Users shown</th>
                  <th scope="col" class="num">Converted (shown / held out)</th>
                  <th scope="col">Lift, 95 % interval</th>
                </tr>
              </thead>
              <tbody>
                {rows!.map(({ campaign, results }) => (
                  <tr key={campaign.id}>
                    <th scope="row">
                      {campaign.name} <span class={`pill status-${campaign.status}`}>{campaign.status}</span>
                    </th>
                    <td class="num">{formatNumber(results.uniqueUsers)}</td>
                    <td class="num">{results.users ? `${formatPercent(results.users.exposed.rate)} / ${formatPercent(results.users.heldOut.rate)}` : '—'}</td>
                    <td>
                      <Lift campaign={campaign} results={results} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </Panel>
  );
}
