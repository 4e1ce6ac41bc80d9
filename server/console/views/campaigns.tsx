// The workspace's campaigns with their status (the campaign editor and results come later).
import { formatDateTime } from '../format.ts';
import { client } from '../state.ts';
import { useResource } from '../use-resource.ts';
import { Panel, Screen } from './screen.tsx';
import { Loaded } from './status.tsx';

export function CampaignsScreen() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.campaigns(), [api]);
  return (
    <Screen title="Campaigns" lead="In-app guidance: tooltips, tours, checklists, surveys.">
      <Panel title="All campaigns" id="campaign-list">
        <Loaded resource={resource} retry={retry} isEmpty={(list) => list.length === 0} empty="No campaigns yet. Create one with POST /api/v1/campaigns.">
          {(campaigns) => (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">Priority</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {campaigns.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.name}
                        <div class="muted small">{c.content.title}</div>
                      </th>
                      <td>{c.kind}</td>
                      <td>
                        <span class={`pill status-${c.status}`}>{c.status}</span>
                      </td>
                      <td class="num">{c.priority}</td>
                      <td>{formatDateTime(c.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
    </Screen>
  );
}
