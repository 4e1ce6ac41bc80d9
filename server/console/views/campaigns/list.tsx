// The workspace's campaigns: what each is, whether it is live, how many people it reached and
// what it changed (lift with its interval); publish, pause or archive in place.
import { ApiFailure, type Campaign, type CampaignResults } from '../../api.ts';
import { formatNumber, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { filterCampaigns, KINDS, STATUSES, statusFilter, transitions } from '../../state/campaigns.ts';
import { announce } from '../../state/notice.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { ActionsHeading, Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { LiftInterval, liftText, missingLift } from './lift-interval.tsx';

interface Row {
  campaign: Campaign;
  /** Null for drafts (never shown) and when results could not be read. */
  results: CampaignResults | null;
}

async function loadRows(): Promise<Row[]> {
  const api = client.value!;
  const campaigns = await api.campaigns();
  const results = await Promise.all(campaigns.map((c) => (c.status === 'draft' ? null : api.campaignResults(c.id).catch(() => null))));
  return campaigns.map((campaign, i) => ({ campaign, results: results[i] ?? null })).sort((a, b) => (a.campaign.updatedAt < b.campaign.updatedAt ? 1 : -1));
}

const ACTION_LABEL = { publish: 'Publish', pause: 'Pause', archive: 'Archive' } as const;
const ACTION_DONE = { publish: 'Published', pause: 'Paused', archive: 'Archived' } as const;

function Lift({ campaign, results }: { campaign: Campaign; results: CampaignResults | null }) {
  if (!results) return <span class="muted">—</span>;
  const missing = missingLift(campaign, results);
  if (missing) return <span class="muted">{missing}</span>;
  const users = results.users!;
  return (
    <span class="lift-cell">
      <LiftInterval interval={users.lift.absolute} significant={users.lift.significant} width={120} label="Lift" />
      <span class="small">{liftText(users.lift.absolute)}</span>
    </span>
  );
}

export function CampaignList() {
  const api = client.value!;
  const [resource, retry] = useResource(loadRows, [api]);
  const filter = statusFilter(route.value.query.get('status'));
  const act = async (campaign: Campaign, action: 'publish' | 'pause' | 'archive') => {
    try {
      await api.changeCampaignStatus(campaign.id, action);
      announce(`${ACTION_DONE[action]} “${campaign.name}”`);
    } catch (error) {
      announce(error instanceof ApiFailure ? error.message : String(error));
    }
    retry();
  };
  const newKind = (event: Event) => {
    const kind = (event.target as HTMLSelectElement).value;
    if (kind) navigate(href(['campaigns', 'new'], { kind }));
  };
  return (
    <Screen
      title="Campaigns"
      lead="In-app guidance: tooltips, tours, checklists, surveys — with a holdout to measure what they change."
      actions={
        canEdit.value && (
          <label class="new-campaign">
            <span class="sr-only">New campaign of kind</span>
            <select onChange={newKind} value="">
              <option value="">New campaign…</option>
              {KINDS.map((k) => (
                <option key={k.value} value={k.value} title={k.about}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
        )
      }
    >
      <div class="filters" role="group" aria-label="Status">
        <div class="toggles">
          <span class="filter-label">Status</span>
          {(['current', ...STATUSES] as const).map((s) => (
            <a key={s} class="chip" role="button" aria-pressed={filter === s} href={href(['campaigns'], { status: s === 'current' ? null : s })}>
              {s === 'current' ? 'All but archived' : humanize(s)}
            </a>
          ))}
        </div>
      </div>
      <Panel title="Campaigns" id="campaign-list">
        <Loaded resource={resource} retry={retry} isEmpty={(rows) => filterCampaigns(rows.map((r) => r.campaign), filter).length === 0} empty={filter === 'current' ? 'No campaigns yet. Start one with “New campaign…”.' : `No ${filter} campaigns.`}>
          {(rows) => {
            const shown = new Set(filterCampaigns(rows.map((r) => r.campaign), filter));
            return (
              <div class="table-wrap">
                <table class="campaigns">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Status</th>
                      <th scope="col" class="num">Priority</th>
                      <th scope="col" class="num">Reach</th>
                      <th scope="col">Lift, 95 % interval</th>
                      <ActionsHeading />
                    </tr>
                  </thead>
                  <tbody>
                    {rows
                      .filter((r) => shown.has(r.campaign))
                      .map(({ campaign: c, results }) => (
                        <tr key={c.id} data-campaign={c.id}>
                          <th scope="row">
                            <a href={href(['campaigns', c.id])}>{c.name}</a>
                            {/* The title users see, when it says more than the campaign's name. */}
                            {c.content.title !== c.name && <div class="muted small">{c.content.title}</div>}
                          </th>
                          <td>{humanize(c.kind)}</td>
                          <td>
                            <span class={`pill status-${c.status}`}>{c.status}</span>
                          </td>
                          <td class="num">{c.priority}</td>
                          <td class="num" title="Unique users shown it">
                            {results ? formatNumber(results.uniqueUsers) : '—'}
                          </td>
                          <td>
                            <Lift campaign={c} results={results} />
                          </td>
                          <td>
                            <div class="actions row-actions">
                              <a href={href(['campaigns', c.id, 'results'])}>Results</a>
                              {canEdit.value && (
                                <a href={href(['campaigns', 'new'], { copy: c.id })} aria-label={`Duplicate ${c.name}`}>
                                  Duplicate
                                </a>
                              )}
                              {canEdit.value &&
                                transitions(c.status).map((action) => (
                                  <button key={action} type="button" class={action === 'archive' ? 'danger small' : 'secondary small'} aria-label={`${ACTION_LABEL[action]} ${c.name}`} onClick={() => void act(c, action)}>
                                    {ACTION_LABEL[action]}
                                  </button>
                                ))}
                            </div>
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            );
          }}
        </Loaded>
      </Panel>
    </Screen>
  );
}
