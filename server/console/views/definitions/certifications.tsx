// Certification programs: levels from the entry level down to 1 (the highest), each earned by
// using features (and finishing checklists), so pursuing a level moves users along their journey.
import type { Certification, CertificationInput, Feature } from '../../api.ts';
import { withoutVersion } from '../../draft.ts';
import { client } from '../../state.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { RequirementFields } from './criteria.tsx';
import { DefinitionEditor } from './editor.tsx';
import { EditButton, FieldError, NumberField, TextField } from './fields.tsx';
import { type Edit, useDraft } from './use-draft.ts';

type Level = CertificationInput['levels'][number];

const NEW_PROGRAM: CertificationInput = { key: '', name: '', levels: [{ level: 3, name: 'Level 3', requirements: [{ feature: '' }] }] };

export function CertificationForm({ draft, edit, features, isNew }: { draft: CertificationInput; edit: Edit; features: Feature[]; isNew: boolean }) {
  const addLevel = () => {
    const lowest = draft.levels.at(-1)?.level ?? 4;
    const level: Level = { level: Math.max(1, lowest - 1), name: `Level ${Math.max(1, lowest - 1)}`, requirements: [{ feature: features[0]?.key ?? '' }] };
    edit(['levels'], [...draft.levels, level]);
  };
  return (
    <>
      <div class="fields">
        <TextField label="Key" path={['key']} value={draft.key} readOnly={!isNew} onChange={(v) => edit(['key'], v)} />
        <TextField label="Name" path={['name']} value={draft.name} onChange={(v) => edit(['name'], v)} />
      </div>
      <p class="hint">List levels from the entry level down to 1, the highest. Users keep a level once awarded.</p>
      {draft.levels.map((l, i) => (
        <fieldset key={i} class="row-group">
          <legend>{l.name || `Level ${l.level}`}</legend>
          <div class="fields">
            <NumberField label="Level" path={['levels', i, 'level']} value={l.level} min={1} max={10} step={1} onChange={(v) => edit(['levels', i, 'level'], v)} />
            <TextField label="Name" path={['levels', i, 'name']} value={l.name} onChange={(v) => edit(['levels', i, 'name'], v)} />
          </div>
          {l.requirements.map((r, k) => (
            <RequirementFields
              key={k}
              requirement={r}
              path={['levels', i, 'requirements', k]}
              edit={edit}
              features={features}
              onRemove={() => edit(['levels', i, 'requirements'], l.requirements.filter((_, j) => j !== k))}
            />
          ))}
          <FieldError path={['levels', i, 'requirements']} />
          <div class="actions">
            <EditButton onClick={() => edit(['levels', i, 'requirements'], [...l.requirements, { feature: features[0]?.key ?? '' }])}>Add a requirement</EditButton>
            <EditButton label={`Remove ${l.name}`} disabled={draft.levels.length === 1} onClick={() => edit(['levels'], draft.levels.filter((_, k) => k !== i))}>
              Remove level
            </EditButton>
          </div>
        </fieldset>
      ))}
      <FieldError path={['levels']} />
      <EditButton disabled={draft.levels.length >= 10} onClick={addLevel}>
        Add a level
      </EditButton>
    </>
  );
}

function CertificationEditor({ program, features, onSaved }: { program: Certification | null; features: Feature[]; onSaved: (key: string) => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<CertificationInput>(() => (program ? withoutVersion(program) : NEW_PROGRAM), [program]);
  return (
    <DefinitionEditor
      noun={`program “${draft.name || draft.key}”`}
      identity={program?.key ?? '+new'}
      draft={draft}
      setDraft={setDraft}
      save={api.certifications.save}
      preview={api.certifications.preview}
      previewParts={['certifications']}
      onSaved={() => onSaved(draft.key)}
      versions={program ? () => api.certifications.versions(program.key) : null}
    >
      <CertificationForm draft={draft} edit={edit} features={features} isNew={!program} />
    </DefinitionEditor>
  );
}

export function CertificationsScreen() {
  const api = client.value!;
  const [resource, retry] = useResource(() => Promise.all([api.certifications.list(), api.features.list()]), [api]);
  const selected = route.value.query.get('key');
  const open = (key: string | null) => navigate(href(['certifications'], { key }));
  return (
    <Screen
      title="Certification"
      lead="Levels customers work toward; level-1 holders start teaching others."
      actions={
        canEdit.value && (
          <button type="button" onClick={() => open('+new')}>
            New program
          </button>
        )
      }
    >
      <Loaded resource={resource} retry={retry} isEmpty={([programs]) => programs.length === 0 && selected !== '+new'} empty="No certification programs yet. Create one with “New program”.">
        {([programs, features]) => {
          const chosen = selected ?? programs[0]?.key ?? null;
          const program = programs.find((p) => p.key === chosen) ?? null;
          return (
            <>
              <Panel title="Programs" id="program-list">
                <ul class="cards">
                  {programs.map((p) => (
                    <li key={p.key} class={p.key === chosen ? 'card selected' : 'card'}>
                      <a href={href(['certifications'], { key: p.key })} aria-current={p.key === chosen ? 'true' : undefined}>
                        <strong>{p.name}</strong>
                      </a>
                      <span class="muted small">
                        {p.levels.map((l) => l.name).join(' → ')} · v{p.version}
                      </span>
                    </li>
                  ))}
                </ul>
              </Panel>
              {(program || chosen === '+new') && (
                <Panel title={program ? `Edit ${program.name}` : 'New program'} id="program-editor">
                  <CertificationEditor
                    program={program}
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
