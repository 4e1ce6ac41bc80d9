// Every saved version of a campaign: what changed (edited, published, paused, archived), who
// did it and when; an editor can load an older version back into the form.
import type { Campaign } from '../../api.ts';
import { humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { type CampaignDraft, inputOf } from '../../state/campaigns.ts';
import { canEdit } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { VersionHistory } from '../version-history.tsx';

export function CampaignVersions({ campaign, onLoad }: { campaign: Campaign; onLoad: (input: CampaignDraft) => void }) {
  const api = client.value!;
  const [versions, retry] = useResource(() => api.campaignVersions(campaign.id), [campaign.id, campaign.version]);
  return (
    <VersionHistory
      id="campaign-versions"
      boxed
      versions={versions}
      retry={retry}
      row={(v) => ({ version: v.version, change: humanize(v.change), by: v.author, at: v.at, current: v.version === campaign.version })}
      onLoad={canEdit.value && campaign.status !== 'archived' ? (v) => onLoad(inputOf(v.campaign)) : null}
      empty="No versions yet."
    />
  );
}
