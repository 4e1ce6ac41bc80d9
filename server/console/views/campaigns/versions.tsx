// Every saved version of a campaign: what changed (edited, published, paused, archived), who
// did it and when; an editor can load an older version back into the form.
import type { Campaign } from '../../api.ts';
import { formatDateTime, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { type CampaignDraft, inputOf } from '../../state/campaigns.ts';
import { canEdit } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { Loaded } from '../status.tsx';

export function CampaignVersions({ campaign, onLoad }: { campaign: Campaign; onLoad: (input: CampaignDraft) => void }) {
  const api = client.value!;
  const [versions, retry] = useResource(() => api.campaignVersions(campaign.id), [campaign.id, campaign.version]);
  const editable = canEdit.value && campaign.status !== 'archived';
  return (
    <details class="versions panel" id="campaign-versions">
      <summary>Version history</summary>
      <Loaded resource={versions} retry={retry} isEmpty={(v) => v.length === 0} empty="No versions yet.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">Version</th>
                <th scope="col">Change</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
                {editable && (
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version}>
                  <td class="num">
                    {v.version}
                    {v.version === campaign.version && <span class="pill">current</span>}
                  </td>
                  <td>{humanize(v.change)}</td>
                  <td>{v.author}</td>
                  <td>{formatDateTime(v.at)}</td>
                  {editable && (
                    <td>
                      {v.version !== campaign.version && (
                        <button type="button" class="link" onClick={() => onLoad(inputOf(v.campaign))}>
                          Load into the form
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </details>
  );
}
