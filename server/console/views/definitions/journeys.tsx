// Adoption journeys: ordered stages with the rules users and accounts must meet, one journey per
// segment (e.g. industry = veterinary). Preview shows how many accounts and users would sit at
// each stage before saving.
import type { Feature, Journey, JourneyInput } from '../../api.ts';
import { parseScalar, withoutVersion } from '../../draft.ts';
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { CriterionFields, criterionOf, ListField } from './criteria.tsx';
import { DefinitionEditor } from './editor.tsx';
import { CheckboxField, EditButton, FieldError, SelectField, TextField } from './fields.tsx';
import { type Edit, useDraft } from './use-draft.ts';

type Stage = JourneyInput['stages'][number];

/** A new journey starts as a copy of the default one, for a segment still to name. */
export function newJourneyFrom(template: JourneyInput): JourneyInput {
  return { ...template, key: '', name: '', segment: { trait: 'industry', values: [] } };
}

function StageFields({ stage, index, draft, edit, features }: { stage: Stage; index: number; draft: JourneyInput; edit: Edit; features: Feature[] }) {
  const stageKeys = draft.stages.map((s) => s.key);
  const stages = draft.stages;
  const move = (to: number) => {
    const next = [...stages];
    next.splice(to, 0, next.splice(index, 1)[0]!);
    edit(['stages'], next);
  };
  const rules = (side: 'user' | 'account') => (
    <div class="rules">
      <h5>{side === 'user' ? 'A user reaches it when' : 'An account reaches it when'}</h5>
      {stage[side].length === 0 && <p class="muted small">no rule yet</p>}
      {stage[side].map((c, k) => (
        <CriterionFields
          key={k}
          criterion={c}
          path={['stages', index, side, k]}
          edit={edit}
          features={features}
          stages={stageKeys}
          forAccounts={side === 'account'}
          onRemove={() => edit(['stages', index, side], stage[side].filter((_, j) => j !== k))}
        />
      ))}
      <EditButton onClick={() => edit(['stages', index, side], [...stage[side], criterionOf('breadth', features, stageKeys)])}>Add a rule</EditButton>
    </div>
  );
  return (
    <fieldset class="row-group stage">
      <legend>
        Stage {index + 1}: {stage.name || stage.key || 'new'}
      </legend>
      <div class="fields">
        <TextField label="Key" path={['stages', index, 'key']} value={stage.key} onChange={(v) => edit(['stages', index, 'key'], v)} />
        <TextField label="Name" path={['stages', index, 'name']} value={stage.name} onChange={(v) => edit(['stages', index, 'name'], v)} />
      </div>
      {index === 0 ? (
        <p class="hint">Everyone starts here: the first stage has no rules.</p>
      ) : (
        <div class="grid two">
          {rules('user')}
          {rules('account')}
        </div>
      )}
      <FieldError path={['stages', index]} />
      {canEdit.value && index > 0 && (
        <div class="actions">
          <EditButton label={`Move ${stage.name} earlier`} disabled={index < 2} onClick={() => move(index - 1)}>
            Move up
          </EditButton>
          <EditButton label={`Move ${stage.name} later`} disabled={index === stages.length - 1} onClick={() => move(index + 1)}>
            Move down
          </EditButton>
          <EditButton label={`Remove stage ${stage.name}`} disabled={stages.length <= 2} onClick={() => edit(['stages'], stages.filter((_, k) => k !== index))}>
            Remove stage
          </EditButton>
        </div>
      )}
    </fieldset>
  );
}

export function JourneyForm({ draft, edit, features, isNew }: { draft: JourneyInput; edit: Edit; features: Feature[]; isNew: boolean }) {
  const stageOptions = draft.stages.map((s) => ({ value: s.key, label: s.name || s.key }));
  return (
    <>
      <div class="fields">
        <TextField label="Key" path={['key']} value={draft.key} readOnly={!isNew} onChange={(v) => edit(['key'], v)} />
        <TextField label="Name" path={['name']} value={draft.name} onChange={(v) => edit(['name'], v)} />
      </div>
      <CheckboxField
        label="Only for a segment of accounts"
        path={['segment']}
        checked={draft.segment !== null}
        onChange={(on) => edit(['segment'], on ? { trait: 'industry', values: [] } : null)}
        hint="Accounts outside every segment follow the default journey."
      />
      {draft.segment && (
        <div class="fields">
          <TextField label="Account trait" path={['segment', 'trait']} value={draft.segment.trait} onChange={(v) => edit(['segment', 'trait'], v)} />
          <ListField label="Equals one of" path={['segment', 'values']} values={draft.segment.values} parse={parseScalar} onChange={(v) => edit(['segment', 'values'], v)} hint="comma-separated; numbers and true/false are matched as such" />
        </div>
      )}
      {draft.stages.map((s, i) => (
        <StageFields key={i} stage={s} index={i} draft={draft} edit={edit} features={features} />
      ))}
      <FieldError path={['stages']} />
      <EditButton disabled={draft.stages.length >= 10} onClick={() => edit(['stages'], [...draft.stages, { key: `stage_${draft.stages.length + 1}`, name: '', user: [], account: [] }])}>
        Add a stage
      </EditButton>
      <div class="fields">
        <SelectField label="Onboarded (the “wow moment”) at" path={['onboardedStage']} value={draft.onboardedStage} options={stageOptions} onChange={(v) => edit(['onboardedStage'], v)} />
        <SelectField label="Adopted (part of daily work) at" path={['adoptedStage']} value={draft.adoptedStage} options={stageOptions} onChange={(v) => edit(['adoptedStage'], v)} />
      </div>
    </>
  );
}

function JourneyEditor({ journey, template, features, onSaved }: { journey: Journey | null; template: JourneyInput; features: Feature[]; onSaved: (key: string) => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<JourneyInput>(() => (journey ? withoutVersion(journey) : newJourneyFrom(template)), [journey]);
  return (
    <DefinitionEditor
      noun={`journey “${draft.name || draft.key}”`}
      identity={journey?.key ?? '+new'}
      draft={draft}
      setDraft={setDraft}
      save={api.journeys.save}
      onSaved={() => onSaved(draft.key)}
      preview={api.journeys.preview}
      previewParts={['stages']}
      previewJourney={draft.key}
      previewStages={draft.stages}
      versions={journey && journey.version > 0 ? () => api.journeys.versions(journey.key) : null}
    >
      <JourneyForm draft={draft} edit={edit} features={features} isNew={!journey} />
    </DefinitionEditor>
  );
}

export function JourneysScreen() {
  const api = client.value!;
  const [resource, retry] = useResource(() => Promise.all([api.journeys.list(), api.features.list()]), [api]);
  const selected = route.value.query.get('key');
  const open = (key: string | null) => navigate(href(['journeys'], { key }));
  return (
    <Screen
      title="Journeys"
      lead="Stages every user and account moves through, from signed up to champion. One journey per segment."
      actions={
        canEdit.value && (
          <button type="button" onClick={() => open('+new')}>
            New journey
          </button>
        )
      }
    >
      <Loaded resource={resource} retry={retry}>
        {([journeys, features]) => {
          const chosen = selected ?? journeys[0]?.key ?? null;
          const journey = journeys.find((j) => j.key === chosen) ?? null;
          const template = journeys.find((j) => j.segment === null) ?? journeys[0]!;
          return (
            <>
              <Panel title="Journeys" id="journey-list">
                <ul class="cards">
                  {journeys.map((j) => (
                    <li key={j.key} class={j.key === chosen ? 'card selected' : 'card'}>
                      <a href={href(['journeys'], { key: j.key })} aria-current={j.key === chosen ? 'true' : undefined}>
                        <strong>{j.name}</strong>
                      </a>
                      <span class="muted small">
                        {j.segment ? `${j.segment.trait} = ${j.segment.values.join(', ')}` : 'default'} · {formatNumber(j.stages.length)} stages · {j.version === 0 ? 'built-in' : `v${j.version}`}
                      </span>
                    </li>
                  ))}
                </ul>
              </Panel>
              {(journey || chosen === '+new') && (
                <Panel title={journey ? `Edit ${journey.name}` : 'New journey'} id="journey-editor">
                  <JourneyEditor
                    journey={journey}
                    template={template}
                    features={features}
                    onSaved={(key) => {
                      retry();
                      open(key);
                    }}
                  />
                </Panel>
              )}
            </>
          );
        }}
      </Loaded>
    </Screen>
  );
}
