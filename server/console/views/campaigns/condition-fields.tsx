// One audience condition as fields: what it looks at (a trait, a feature, the journey stage,
// health, tiers, certification, survey score, the page, device or locale) and the values it compares with.
import type { Condition } from '../../../protocol/audience.ts';
import { parseScalar, type Path } from '../../draft.ts';
import { FieldError, NumberField, SelectField, TextField, useEditable } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import type { Choice, Vocabulary } from './vocabulary.ts';

/** What the condition looks at, as one choice: type plus user/account scope where it has one. */
type Subject = 'user_trait' | 'account_trait' | 'user_feature' | 'account_feature' | 'user_stage' | 'account_stage' | 'health' | 'seat_tier' | 'tenure_tier' | 'certification' | 'score' | 'page' | 'device' | 'locale';

export const SUBJECTS: readonly { value: Subject; label: string }[] = [
  { value: 'account_feature', label: 'Account’s use of a feature' },
  { value: 'user_feature', label: 'User’s use of a feature' },
  { value: 'user_trait', label: 'User trait' },
  { value: 'account_trait', label: 'Account trait' },
  { value: 'user_stage', label: 'User’s journey stage' },
  { value: 'account_stage', label: 'Account’s journey stage' },
  { value: 'health', label: 'Account health' },
  { value: 'seat_tier', label: 'Seat tier' },
  { value: 'tenure_tier', label: 'Tenure tier' },
  { value: 'certification', label: 'Certification level' },
  { value: 'score', label: 'User’s survey score (NPS)' },
  { value: 'page', label: 'Page' },
  { value: 'device', label: 'Device' },
  { value: 'locale', label: 'Language' },
];

export function subjectOf(c: Condition): Subject {
  if (c.type === 'trait' || c.type === 'feature' || c.type === 'stage') return `${c.scope}_${c.type === 'trait' ? 'trait' : c.type}` as Subject;
  return c.type;
}

export function conditionOf(subject: Subject, vocabulary: Vocabulary): Condition {
  const scope = subject.startsWith('user') ? 'user' : 'account';
  switch (subject) {
    case 'user_trait':
    case 'account_trait':
      return { type: 'trait', scope, key: '', op: 'eq', value: '' };
    case 'user_feature':
    case 'account_feature':
      return { type: 'feature', scope, feature: vocabulary.features[0]?.value ?? '', op: 'not_used' };
    case 'user_stage':
    case 'account_stage':
      return { type: 'stage', scope, in: vocabulary.stages[0] ? [vocabulary.stages[0].value] : [] };
    case 'health':
      return { type: 'health', in: ['red'] };
    case 'seat_tier':
    case 'tenure_tier':
      return { type: subject, in: [] };
    case 'certification':
      return { type: 'certification', program: vocabulary.programs[0]?.value ?? '', op: 'none' };
    case 'score':
      return { type: 'score', op: 'gte', value: 9 };
    case 'page':
      return { type: 'page', pattern: '/' };
    case 'device':
      return { type: 'device', in: ['desktop'] };
    case 'locale':
      return { type: 'locale', in: ['en'] };
  }
}

const FEATURE_OPS = [
  { value: 'not_used', label: 'has not used' },
  { value: 'used', label: 'has used' },
  { value: 'count_gte', label: 'used at least (times)' },
  { value: 'days_since_gte', label: 'last used at least (days ago)' },
  { value: 'days_since_lte', label: 'last used at most (days ago)' },
] as const;

const TRAIT_OPS = [
  { value: 'eq', label: 'is' },
  { value: 'neq', label: 'is not' },
  { value: 'gt', label: 'is above' },
  { value: 'gte', label: 'is at least' },
  { value: 'lt', label: 'is below' },
  { value: 'lte', label: 'is at most' },
  { value: 'in', label: 'is one of (comma-separated)' },
  { value: 'exists', label: 'is set' },
  { value: 'not_exists', label: 'is not set' },
] as const;

/** A set of values to pick from, as toggle checkboxes; free text when the workspace names none. */
function PickMany({ label, path, values, choices, edit }: { label: string; path: Path; values: readonly string[]; choices: readonly Choice[]; edit: Edit }) {
  if (!choices.length) {
    return <TextField label={`${label} (comma-separated)`} path={path} value={values.join(', ')} onChange={(v) => edit(path, v.split(',').map((s) => s.trim()).filter(Boolean))} />;
  }
  const editable = useEditable();
  const toggle = (value: string, on: boolean) => edit(path, on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset class="feature-choice">
      <legend>{label}</legend>
      <FieldError path={path} />
      {choices.map((c) => (
        <label class="inline" key={c.value}>
          <input type="checkbox" disabled={!editable} checked={values.includes(c.value)} onChange={(e) => toggle(c.value, (e.target as HTMLInputElement).checked)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

const fixed = (...values: string[]): Choice[] => values.map((v) => ({ value: v, label: v.charAt(0).toUpperCase() + v.slice(1) }));

const traitText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

export function ConditionFields({ condition: c, path, edit, vocabulary }: { condition: Condition; path: Path; edit: Edit; vocabulary: Vocabulary }) {
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  switch (c.type) {
    case 'feature':
      return (
        <>
          <SelectField label="Feature" path={at('feature')} value={c.feature} options={vocabulary.features.length ? vocabulary.features : [{ value: c.feature, label: c.feature || '(no features defined)' }]} onChange={(v) => edit(at('feature'), v)} />
          <SelectField label="Condition" path={at('op')} value={c.op} options={FEATURE_OPS} onChange={(op) => edit(path, { ...c, op, value: op === 'used' || op === 'not_used' ? undefined : (c.value ?? 1) })} />
          {c.op !== 'used' && c.op !== 'not_used' && <NumberField label={c.op === 'count_gte' ? 'Times' : 'Days'} path={at('value')} value={c.value} min={0} step={1} onChange={(v) => edit(at('value'), v)} />}
        </>
      );
    case 'trait':
      return (
        <>
          <TextField label="Trait" path={at('key')} value={c.key} placeholder="plan" onChange={(v) => edit(at('key'), v)} />
          <SelectField label="Condition" path={at('op')} value={c.op} options={TRAIT_OPS} onChange={(op) => edit(path, { ...c, op, value: op === 'exists' || op === 'not_exists' ? undefined : (c.value ?? '') })} />
          {c.op !== 'exists' && c.op !== 'not_exists' && (
            <TextField
              label="Value"
              path={at('value')}
              value={traitText(c.value)}
              onChange={(v) => edit(at('value'), c.op === 'in' ? v.split(',').map((s) => parseScalar(s)).filter((s) => s !== '') : parseScalar(v))}
              hint="numbers and true/false are compared as such"
            />
          )}
        </>
      );
    case 'stage':
      return <PickMany label="Stage is one of" path={at('in')} values={c.in} choices={vocabulary.stages} edit={edit} />;
    case 'health':
      return <PickMany label="Health is" path={at('in')} values={c.in} choices={fixed('green', 'yellow', 'red')} edit={edit} />;
    case 'seat_tier':
      return <PickMany label="Seat tier is one of" path={at('in')} values={c.in} choices={vocabulary.seatTiers} edit={edit} />;
    case 'tenure_tier':
      return <PickMany label="Tenure tier is one of" path={at('in')} values={c.in} choices={vocabulary.tenureTiers} edit={edit} />;
    case 'certification':
      return (
        <>
          <SelectField label="Program" path={at('program')} value={c.program} options={vocabulary.programs.length ? vocabulary.programs : [{ value: c.program, label: c.program || '(no programs defined)' }]} onChange={(v) => edit(at('program'), v)} />
          <SelectField
            label="Level"
            path={at('op')}
            value={c.op}
            options={[
              { value: 'none', label: 'has no level yet' },
              { value: 'at_least', label: 'has at least level' },
              { value: 'below', label: 'is below level' },
            ]}
            onChange={(op) => edit(path, { ...c, op, level: op === 'none' ? undefined : (c.level ?? 1) })}
          />
          {c.op !== 'none' && <NumberField label="Level (1 is highest)" path={at('level')} value={c.level} min={1} max={20} step={1} onChange={(v) => edit(at('level'), v)} />}
        </>
      );
    case 'score':
      return (
        <>
          <SelectField
            label="Latest score of the last 90 days"
            path={at('op')}
            value={c.op}
            options={[
              { value: 'gte', label: 'is at least (9: promoters)' },
              { value: 'lte', label: 'is at most (6: detractors)' },
              { value: 'none', label: 'none: has not answered' },
            ]}
            onChange={(op) => edit(path, { ...c, op, value: op === 'none' ? undefined : (c.value ?? (op === 'gte' ? 9 : 6)) })}
          />
          {c.op !== 'none' && <NumberField label="Score (0–10)" path={at('value')} value={c.value} min={0} max={10} step={1} onChange={(v) => edit(at('value'), v)} />}
        </>
      );
    case 'page':
      return <TextField label="Page matches" path={at('pattern')} value={c.pattern} placeholder="/settings/*" onChange={(v) => edit(at('pattern'), v)} />;
    case 'device':
      return <PickMany label="Device is" path={at('in')} values={c.in} choices={fixed('desktop', 'tablet', 'mobile')} edit={edit} />;
    case 'locale':
      return <PickMany label="Language is one of" path={at('in')} values={c.in} choices={[]} edit={edit} />;
  }
}
