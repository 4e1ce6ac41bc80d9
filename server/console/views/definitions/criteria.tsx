// Rules over features, shared by journey stages and certification levels: breadth (how many
// features), depth (how often one feature), active days, and — for accounts — users at a stage.
import { useEffect, useState } from 'preact/hooks';
import type { CertificationInput, Feature, JourneyInput } from '../../api.ts';
import type { Path } from '../../draft.ts';
import { canEdit } from '../../state/role.ts';
import { EditButton, FieldError, NumberField, SelectField, TextField } from './fields.tsx';
import type { Edit } from './use-draft.ts';

type Criterion = JourneyInput['stages'][number]['user'][number];
type Depth = Extract<Criterion, { depth: unknown }>['depth'];
type Requirement = CertificationInput['levels'][number]['requirements'][number];
type Kind = 'breadth' | 'depth' | 'activeDays' | 'users';

export const criterionKind = (c: Criterion): Kind => Object.keys(c)[0] as Kind;

export function criterionOf(kind: Kind, features: readonly Pick<Feature, 'key'>[], stages: readonly string[]): Criterion {
  switch (kind) {
    case 'breadth':
      return { breadth: { features: 'key', atLeast: 1 } };
    case 'depth':
      return { depth: { feature: features[0]?.key ?? '' } };
    case 'activeDays':
      return { activeDays: { atLeast: 4, withinDays: 30 } };
    case 'users':
      return { users: { stage: stages[1] ?? stages[0] ?? '', atLeast: 1 } };
  }
}

const KINDS: { value: Kind; label: string }[] = [
  { value: 'breadth', label: 'Breadth: used several features' },
  { value: 'depth', label: 'Depth: used one feature enough' },
  { value: 'activeDays', label: 'Active on enough days' },
  { value: 'users', label: 'Users at a stage (accounts only)' },
];

export function DepthFields({ depth, path, edit, features }: { depth: Depth; path: Path; edit: Edit; features: readonly Pick<Feature, 'key' | 'name'>[] }) {
  const options = features.map((f) => ({ value: f.key, label: f.name }));
  if (depth.feature && !features.some((f) => f.key === depth.feature)) options.push({ value: depth.feature, label: `${depth.feature} (not defined)` });
  return (
    <>
      <SelectField label="Feature" path={[...path, 'feature']} value={depth.feature} options={options} onChange={(v) => edit([...path, 'feature'], v)} />
      <NumberField label="On at least (days)" path={[...path, 'minDays']} value={depth.minDays} min={1} onChange={(v) => edit([...path, 'minDays'], v)} hint="empty: any use" />
      <NumberField label="At least (times)" path={[...path, 'minCount']} value={depth.minCount} min={1} onChange={(v) => edit([...path, 'minCount'], v)} />
      <NumberField label="Within (days)" path={[...path, 'withinDays']} value={depth.withinDays} min={1} onChange={(v) => edit([...path, 'withinDays'], v)} hint="empty: ever" />
    </>
  );
}

function FeatureChoice({ chosen, path, edit, features }: { chosen: 'key' | string[]; path: Path; edit: Edit; features: readonly Pick<Feature, 'key' | 'name'>[] }) {
  const list = chosen === 'key' ? [] : chosen;
  return (
    <fieldset class="feature-choice">
      <legend>Which features</legend>
      <label class="inline">
        <input type="radio" checked={chosen === 'key'} disabled={!canEdit.value} onChange={() => edit(path, 'key')} /> the key features
      </label>
      <label class="inline">
        <input type="radio" checked={chosen !== 'key'} disabled={!canEdit.value} onChange={() => edit(path, features.slice(0, 1).map((f) => f.key))} /> these:
      </label>
      {chosen !== 'key' &&
        features.map((f) => (
          <label key={f.key} class="inline">
            <input
              type="checkbox"
              checked={list.includes(f.key)}
              disabled={!canEdit.value}
              onChange={(e) => edit(path, (e.target as HTMLInputElement).checked ? [...list, f.key] : list.filter((k) => k !== f.key))}
            />{' '}
            {f.name}
          </label>
        ))}
      <FieldError path={path} />
    </fieldset>
  );
}

export function CriterionFields(props: { criterion: Criterion; path: Path; edit: Edit; features: readonly Pick<Feature, 'key' | 'name'>[]; stages: readonly string[]; forAccounts: boolean; onRemove: () => void }) {
  const { criterion: c, path, edit, features, stages } = props;
  const kind = criterionKind(c);
  return (
    <div class="criterion">
      <SelectField label="Rule" path={[...path, 'kind']} value={kind} options={props.forAccounts ? KINDS : KINDS.filter((k) => k.value !== 'users')} onChange={(k) => edit(path, criterionOf(k, features, stages))} />
      {'breadth' in c && (
        <>
          <NumberField label="At least (features)" path={[...path, 'breadth', 'atLeast']} value={c.breadth.atLeast} min={1} onChange={(v) => edit([...path, 'breadth', 'atLeast'], v)} />
          <NumberField label="Within (days)" path={[...path, 'breadth', 'withinDays']} value={c.breadth.withinDays} min={1} onChange={(v) => edit([...path, 'breadth', 'withinDays'], v)} hint="empty: ever" />
          <FeatureChoice chosen={c.breadth.features} path={[...path, 'breadth', 'features']} edit={edit} features={features} />
        </>
      )}
      {'depth' in c && <DepthFields depth={c.depth} path={[...path, 'depth']} edit={edit} features={features} />}
      {'activeDays' in c && (
        <>
          <NumberField label="Active on at least (days)" path={[...path, 'activeDays', 'atLeast']} value={c.activeDays.atLeast} min={1} onChange={(v) => edit([...path, 'activeDays', 'atLeast'], v)} />
          <NumberField label="Within (days)" path={[...path, 'activeDays', 'withinDays']} value={c.activeDays.withinDays} min={1} onChange={(v) => edit([...path, 'activeDays', 'withinDays'], v)} />
        </>
      )}
      {'users' in c && (
        <>
          <NumberField label="At least (users)" path={[...path, 'users', 'atLeast']} value={c.users.atLeast} min={1} onChange={(v) => edit([...path, 'users', 'atLeast'], v)} />
          <SelectField label="At stage or later" path={[...path, 'users', 'stage']} value={c.users.stage} options={stages.map((s) => ({ value: s, label: s }))} onChange={(v) => edit([...path, 'users', 'stage'], v)} />
        </>
      )}
      <FieldError path={path} />
      <EditButton onClick={props.onRemove} label="Remove this rule">
        Remove rule
      </EditButton>
    </div>
  );
}

export function RequirementFields({ requirement, path, edit, features, onRemove }: { requirement: Requirement; path: Path; edit: Edit; features: readonly Pick<Feature, 'key' | 'name'>[]; onRemove: () => void }) {
  const isChecklist = 'checklist' in requirement;
  return (
    <div class="criterion">
      <SelectField
        label="Requirement"
        path={[...path, 'kind']}
        value={isChecklist ? 'checklist' : 'feature'}
        options={[
          { value: 'feature', label: 'Use a feature' },
          { value: 'checklist', label: 'Finish a checklist' },
        ]}
        onChange={(k) => edit(path, k === 'checklist' ? { checklist: '' } : { feature: features[0]?.key ?? '' })}
      />
      {isChecklist ? (
        <TextField label="Checklist campaign id" path={[...path, 'checklist']} value={requirement.checklist} onChange={(v) => edit([...path, 'checklist'], v)} />
      ) : (
        <DepthFields depth={requirement} path={path} edit={edit} features={features} />
      )}
      <FieldError path={path} />
      <EditButton onClick={onRemove} label="Remove this requirement">
        Remove
      </EditButton>
    </div>
  );
}

/** A list typed as "a, b, c"; the text is kept as typed while the draft gets the parsed list. */
export function ListField<V>({ label, path, values, parse, onChange, hint }: { label: string; path: Path; values: readonly V[]; parse: (item: string) => V; onChange: (values: V[]) => void; hint?: string }) {
  const [text, setText] = useState(values.join(', '));
  useEffect(() => {
    if (text.split(',').map((s) => s.trim()).filter(Boolean).join(',') !== values.join(',')) setText(values.join(', '));
  }, [values.join(',')]);
  return (
    <TextField
      label={label}
      path={path}
      value={text}
      {...(hint ? { hint } : {})}
      onChange={(v) => {
        setText(v);
        onChange(v.split(',').map((s) => s.trim()).filter(Boolean).map(parse));
      }}
    />
  );
}
