// The Campaigns section: the list (#/campaigns), a new campaign (#/campaigns/new?kind=…), the
// editor (#/campaigns/:id) and the results (#/campaigns/:id/results).
import { route } from '../../state/route.ts';
import { CampaignEditor } from './editor.tsx';
import { CampaignList } from './list.tsx';
import { CampaignResultsScreen } from './results.tsx';

export function CampaignsScreen() {
  const [, id, view] = route.value.path;
  if (!id) return <CampaignList />;
  if (id === 'new') return <CampaignEditor id={null} />;
  if (view === 'results') return <CampaignResultsScreen id={id} />;
  return <CampaignEditor id={id} />;
}
