// Health score: 2–3 weighted components and the green / yellow thresholds. Preview shows how many
// accounts would be green, yellow or red under the new definition before it is saved.
import type { Health, HealthInput } from '../../api.ts';
import { type Path, withoutVersion } from '../../draft.ts';
import { formatPercent } from '../../format.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { DefinitionEditor } from './editor.tsx';
import { EditButton, FieldError, NumberField, SelectField, TextField } from './fields.tsx';
import { type Edit, useDraft } from './use-draft.ts';

type Component = HealthInput['components'][number];
type Metric = Component['metric'];

const METRICS: { value: Metric; label: string }[] = [
  { value: 'deployment', label: 'Deployment rate (active users ÷ seats)' },
  { value: 'utilization', label: 'Utilization rate' },
  { value: 'breadth', label: 'Key-feature breadth' },
  { value: 'recency', label: 'Days since last active' },
  { value: 'touch', label: 'Days since last CS touch' },
  { value: 'trait', label: 'An account trait (e.g. NPS)' },
];

/** A fresh component of a metric, with the server's defaults. */
export function componentOf(metric: Metric, weight: number): Component {
  switch (metric) {
    case 'recency':
      return { metric, weight, goodDays: 7, badDays: 30 };
    case 'touch':
      return { metric, weight, goodDays: 30, badDays: 90 };
    case 'trait':
      return { metric, weight, trait: '', min: 0, max: 10 };
    default:
      return { metric, weight };
  }
}

function ComponentFields({ component, index, total, edit, remove }: { component: Component; index: number; total: number; edit: Edit; remove: () => void }) {
  const at = (...rest: (string | number)[]): Path => ['components', index, ...rest];
  return (
    <fieldset class="row-group">
      <legend>Component {index + 1}</legend>
      <SelectField label="Measures" path={at('metric')} value={component.metric} options={METRICS} onChange={(m) => edit(['components', index], componentOf(m, component.weight))} />
      <NumberField label="Weight" path={at('weight')} value={component.weight} min={0} max={100} onChange={(v) => edit(at('weight'), v)} hint={`${formatPercent(component.weight / total)} of the score`} />
      {(component.metric === 'recency' || component.metric === 'touch') && (
        <>
          <NumberField label="Full marks within (days)" path={at('goodDays')} value={component.goodDays} min={0} onChange={(v) => edit(at('goodDays'), v)} />
          <NumberField label="Zero after (days)" path={at('badDays')} value={component.badDays} min={1} onChange={(v) => edit(at('badDays'), v)} />
        </>
      )}
      {component.metric === 'trait' && (
        <>
          <TextField label="Trait" path={at('trait')} value={component.trait} onChange={(v) => edit(at('trait'), v)} />
          <NumberField label="Scores 0 at" path={at('min')} value={component.min} onChange={(v) => edit(at('min'), v)} />
          <NumberField label="Scores 100 at" path={at('max')} value={component.max} onChange={(v) => edit(at('max'), v)} />
        </>
      )}
      <EditButton onClick={remove} label={`Remove component ${index + 1}`}>
        Remove
      </EditButton>
    </fieldset>
  );
}

export function HealthForm({ draft, edit }: { draft: HealthInput; edit: Edit }) {
  const total = draft.components.reduce((n, c) => n + (c.weight || 0), 0) || 1;
  const unused = METRICS.find((m) => !draft.components.some((c) => c.metric === m.value))?.value ?? 'trait';
  return (
    <>
      <p class="hint">Two or three components work best: more dilute the signal. Each is scored 0–100, then weighted.</p>
      {draft.components.map((c, i) => (
        <ComponentFields key={i} component={c} index={i} total={total} edit={edit} remove={() => edit(['components'], draft.components.filter((_, k) => k !== i))} />
      ))}
      <FieldError path={['components']} />
      {draft.components.length < 3 && (
        <EditButton onClick={() => edit(['components'], [...draft.components, componentOf(unused, 20)])}>Add a component</EditButton>
      )}
      <fieldset class="row-group">
        <legend>Colours</legend>
        <NumberField label="Green at or above" path={['thresholds', 'green']} value={draft.thresholds.green} min={0} max={100} onChange={(v) => edit(['thresholds', 'green'], v)} />
        <NumberField label="Yellow at or above" path={['thresholds', 'yellow']} value={draft.thresholds.yellow} min={0} max={100} onChange={(v) => edit(['thresholds', 'yellow'], v)} hint="Below yellow is red." />
      </fieldset>
    </>
  );
}

function HealthEditor({ current, onSaved }: { current: Health; onSaved: () => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<HealthInput>(() => withoutVersion(current), [current]);
  return (
    <DefinitionEditor
      noun="health score"
      identity="health"
      draft={draft}
      setDraft={setDraft}
      save={api.health.save}
      onSaved={onSaved}
      preview={api.health.preview}
      previewParts={['health']}
      versions={api.health.versions}
    >
      <HealthForm draft={draft} edit={edit} />
    </DefinitionEditor>
  );
}

export function HealthScreen() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.health.get(), [api]);
  return (
    <Screen title="Health score" lead="What “green” means for your customers. Revise it often; every version is kept so scores stay comparable.">
      <Loaded resource={resource} retry={retry}>
        {(health) => (
          <Panel title={health.version === 0 ? 'Built-in definition (not saved yet)' : `Version ${health.version}`} id="health-editor">
            <HealthEditor current={health} onSaved={retry} />
          </Panel>
        )}
      </Loaded>
    </Screen>
  );
}
