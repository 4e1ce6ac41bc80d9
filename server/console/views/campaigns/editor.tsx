// The campaign editor: every kind in one form (kind fields, content, audience with its reach,
// delivery), a live preview beside it, save as draft or publish, and the version history. The
// server's refusal shows at the top and next to the field it names.
import { useState } from 'preact/hooks';
import { ApiFailure, asApiFailure, type Campaign } from '../../api.ts';
import { formatDateTime, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { blankCampaign, type CampaignDraft, copyOf, inputOf, KINDS, nudgeCampaign, scoreFollowUp, withKind } from '../../state/campaigns.ts';
import { announce } from '../../state/notice.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { FailureContext, ReadOnlyContext, SelectField, TextField } from '../definitions/fields.tsx';
import { useDraft } from '../definitions/use-draft.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { ActionTargetsContext, actionTargets } from './action-targets.ts';
import { AudienceBuilder } from './audience.tsx';
import { ContentFields } from './content-fields.tsx';
import { DeliveryFields } from './delivery-fields.tsx';
import { KindFields } from './kind-fields.tsx';
import { LocaleFields } from './locale-fields.tsx';
import { CampaignPreview } from './preview.tsx';
import { CampaignVersions } from './versions.tsx';
import { useVocabulary } from './vocabulary.ts';

type Busy = 'save' | 'publish' | 'pause' | null;

function EditorForm({ initial, start }: { initial: Campaign | null; start: () => CampaignDraft }) {
  const api = client.value!;
  const [campaign, setCampaign] = useState(initial);
  const [draft, setDraft, edit] = useDraft<CampaignDraft>(() => (campaign ? inputOf(campaign) : start()), [campaign]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const vocabulary = useVocabulary();
  const [guides] = useResource(() => api.campaigns(), [api]);
  const targets = { loading: guides.status === 'loading', ...actionTargets(guides.status === 'ready' ? guides.data : null, draft, campaign?.id ?? null) };
  const archived = campaign?.status === 'archived';
  const messageName = draft.kind === 'tour' ? 'Tour title' : 'Message';

  const run = async (what: Exclude<Busy, null>) => {
    setBusy(what);
    setFailure(null);
    try {
      let saved: Campaign;
      if (what === 'pause') saved = await api.changeCampaignStatus(campaign!.id, 'pause');
      else {
        saved = campaign ? await api.saveCampaign(campaign.id, draft, campaign.version) : await api.createCampaign({ ...draft, status: 'draft' });
        if (what === 'publish' && saved.status !== 'live') saved = await api.changeCampaignStatus(saved.id, 'publish');
      }
      announce(what === 'publish' ? `Published “${saved.name}” (version ${saved.version})` : what === 'pause' ? `Paused “${saved.name}”` : `Saved “${saved.name}” as version ${saved.version}`);
      if (!campaign) navigate(href(['campaigns', saved.id]), { replace: true });
      setCampaign(saved);
    } catch (error) {
      setFailure(asApiFailure(error));
    } finally {
      setBusy(null);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void run('save');
  };
  const live = campaign?.status === 'live';

  return (
    <Screen
      title={campaign ? campaign.name : `New ${humanize(draft.kind).toLowerCase()}`}
      lead={
        campaign ? (
          <>
            <span class={`pill status-${campaign.status}`}>{campaign.status}</span> version {campaign.version}, saved {formatDateTime(campaign.updatedAt)}
          </>
        ) : (
          'Not saved yet.'
        )
      }
      actions={
        <>
          <a href={href(['campaigns'])}>All campaigns</a>
          {campaign && <a href={href(['campaigns', campaign.id, 'results'])}>Results</a>}
          {campaign && canEdit.value && <a href={href(['campaigns', 'new'], { copy: campaign.id })}>Duplicate</a>}
        </>
      }
    >
      <FailureContext.Provider value={failure}>
        <ReadOnlyContext.Provider value={archived}>
          <ActionTargetsContext.Provider value={targets}>
            <div class="campaign-editor">
              <form class="editor campaign-form" onSubmit={submit} noValidate>
                {failure && (
                  <p class="error-note" role="alert">
                    {failure.status === 403 ? 'Your role cannot change this. ' : ''}
                    {failure.message}
                  </p>
                )}
                {archived && <p class="muted">Archived campaigns cannot be edited or published again; create a new one.</p>}
                <Panel title="Campaign" id="campaign-basics">
                  <div class="fields">
                    <TextField label="Name" path={['name']} value={draft.name} onChange={(v) => edit(['name'], v)} hint="for your team; users never see it" />
                    <SelectField label="Kind" path={['kind']} value={draft.kind} options={KINDS.map((k) => ({ value: k.value, label: k.label }))} onChange={(k) => setDraft(withKind(draft, k))} />
                  </div>
                  <KindFields draft={draft} edit={edit} vocabulary={vocabulary} />
                  <ContentFields content={draft.content} path={['content']} edit={edit} legend={messageName} />
                  <LocaleFields locales={draft.locales} base={draft.content} path={['locales']} edit={edit} what={messageName} />
                </Panel>
                <Panel title="Audience" id="campaign-audience">
                  <AudienceBuilder audience={draft.audience} edit={edit} vocabulary={vocabulary} />
                </Panel>
                <Panel title="Delivery" id="campaign-delivery">
                  <DeliveryFields draft={draft} edit={edit} vocabulary={vocabulary} />
                </Panel>
                {canEdit.value && !archived && (
                  <div class="actions editor-actions sticky-actions">
                    <button type="submit" class={live ? undefined : 'secondary'} disabled={busy !== null}>
                      {busy === 'save' ? 'Saving…' : live ? 'Save changes (stays live)' : 'Save draft'}
                    </button>
                    {!live && (
                      <button type="button" disabled={busy !== null} onClick={() => void run('publish')}>
                        {busy === 'publish' ? 'Publishing…' : campaign ? 'Save and publish' : 'Publish'}
                      </button>
                    )}
                    {live && (
                      <button type="button" class="secondary" disabled={busy !== null} onClick={() => void run('pause')}>
                        {busy === 'pause' ? 'Pausing…' : 'Pause'}
                      </button>
                    )}
                  </div>
                )}
              </form>
              <aside class="preview-column">
                <CampaignPreview draft={draft} />
              </aside>
            </div>
            {campaign && <CampaignVersions campaign={campaign} onLoad={(input) => setDraft({ ...input, status: draft.status })} />}
          </ActionTargetsContext.Provider>
        </ReadOnlyContext.Provider>
      </FailureContext.Provider>
    </Screen>
  );
}

/**
 * `#/campaigns/new?kind=tooltip` (`&nudge=reminders`: aimed at accounts without that feature;
 * `&follow=promoters` or `detractors`: a survey follow-up), `#/campaigns/new?copy=:id` (a draft
 * copy of another campaign) or `#/campaigns/:id`.
 */
export function CampaignEditor({ id }: { id: string | null }) {
  const api = client.value!;
  const { query } = route.value;
  const kind = KINDS.find((k) => k.value === query.get('kind'))?.value ?? 'tooltip';
  const nudge = query.get('nudge');
  const follow = query.get('follow');
  const copy = id ? null : query.get('copy');
  const [resource, retry] = useResource(
    async () => ({ campaign: id ? await api.campaign(id) : null, source: copy ? await api.campaign(copy) : null }),
    [api, id, copy],
  );
  return (
    <Loaded resource={resource} retry={retry} loading="Opening the campaign…">
      {({ campaign, source }) => {
        const start = () =>
          source ? copyOf(source) : nudge ? nudgeCampaign(kind, nudge) : follow === 'promoters' || follow === 'detractors' ? scoreFollowUp(kind, follow) : blankCampaign(kind);
        return <EditorForm key={campaign?.id ?? `new-${kind}-${nudge}-${follow}-${copy}`} initial={campaign} start={start} />;
      }}
    </Loaded>
  );
}
