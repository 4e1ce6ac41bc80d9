// Where, when and how often a campaign shows, and how it is measured: pages, schedule, goal,
// holdout, frequency, account caps and priority.
import { useContext, useId } from 'preact/hooks';
import type { Goal } from '../../../protocol/campaign.ts';
import type { Path } from '../../draft.ts';
import type { CampaignDraft } from '../../state/campaigns.ts';
import { FailureContext, NumberField, SelectField, TextField, useEditable } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The server's message for a list field or any of its entries ("pages.include[1]: …"). */
function ListError({ path }: { path: string }) {
  const failure = useContext(FailureContext);
  const field = failure?.field;
  if (!failure || !field || (field !== path && !field.startsWith(`${path}[`))) return null;
  return (
    <span class="field-error" role="alert">
      {failure.message}
    </span>
  );
}

/** Path patterns, one a line. */
function PatternList({ label, path, values, edit, hint }: { label: string; path: Path; values: string[]; edit: Edit; hint: string }) {
  const id = useId();
  return (
    <div class="field grow">
      <label for={id}>{label}</label>
      <textarea id={id} rows={Math.max(2, values.length + 1)} disabled={!useEditable()} value={values.join('\n')} onInput={(e) => edit(path, (e.target as HTMLTextAreaElement).value.split('\n').map((s) => s.trim()).filter(Boolean))} />
      <span class="hint">{hint}</span>
      <ListError path={path.join('.')} />
    </div>
  );
}

/** An instant as the viewer's local date and time, and back to ISO-8601. */
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (text: string) => (text ? new Date(text).toISOString() : null);

function When({ label, path, value, edit }: { label: string; path: Path; value: string | null; edit: Edit }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="datetime-local" disabled={!useEditable()} value={toLocal(value)} onChange={(e) => edit(path, fromLocal((e.target as HTMLInputElement).value))} />
      <ListError path={path.join('.')} />
    </div>
  );
}

const STOP_AFTER = [
  { value: 'dismissed', label: 'dismissed' },
  { value: 'clicked', label: 'a button is clicked' },
  { value: 'completed', label: 'completed' },
  { value: 'goal', label: 'the goal is reached' },
] as const;

function goalOf(type: string, vocabulary: Vocabulary): Goal | null {
  if (type === 'feature') return { type: 'feature', feature: vocabulary.features[0]?.value ?? '', withinDays: 14 };
  if (type === 'event') return { type: 'event', event: '', withinDays: 14 };
  return null;
}

export function DeliveryFields({ draft, edit, vocabulary }: { draft: CampaignDraft; edit: Edit; vocabulary: Vocabulary }) {
  const editable = useEditable();
  const { goal, frequency } = draft;
  const toggleStop = (value: (typeof STOP_AFTER)[number]['value'], on: boolean) =>
    edit(['frequency', 'stopAfter'], on ? [...frequency.stopAfter, value] : frequency.stopAfter.filter((s) => s !== value));
  return (
    <>
      <fieldset class="row-group">
        <legend>Where and when</legend>
        <PatternList label="Only on pages" path={['pages', 'include']} values={draft.pages.include} edit={edit} hint="one path a line, * matches anything; empty: every page" />
        <PatternList label="Never on pages" path={['pages', 'exclude']} values={draft.pages.exclude} edit={edit} hint="one path a line" />
        <When label="Starts" path={['schedule', 'startAt']} value={draft.schedule.startAt} edit={edit} />
        <When label="Ends" path={['schedule', 'endAt']} value={draft.schedule.endAt} edit={edit} />
      </fieldset>
      <fieldset class="row-group">
        <legend>Goal and measurement</legend>
        <SelectField
          label="Goal"
          path={['goal']}
          value={goal?.type ?? ''}
          options={[
            { value: '', label: 'No goal' },
            { value: 'feature', label: 'Uses a feature' },
            { value: 'event', label: 'Sends an event' },
          ]}
          onChange={(t) => edit(['goal'], goalOf(t, vocabulary))}
        />
        {goal?.type === 'feature' && <SelectField label="Feature" path={['goal', 'feature']} value={goal.feature} options={vocabulary.features.length ? vocabulary.features : [{ value: goal.feature, label: goal.feature || '(no features defined)' }]} onChange={(v) => edit(['goal', 'feature'], v)} />}
        {goal?.type === 'event' && <TextField label="Event" path={['goal', 'event']} value={goal.event} onChange={(v) => edit(['goal', 'event'], v)} />}
        {goal && <NumberField label="Within days of first seeing it" path={['goal', 'withinDays']} value={goal.withinDays} min={1} max={365} step={1} onChange={(v) => edit(['goal', 'withinDays'], v ?? 14)} />}
        <NumberField label="Holdout %" path={['holdoutPercent']} value={draft.holdoutPercent} min={0} max={90} step={1} onChange={(v) => edit(['holdoutPercent'], v ?? 0)} hint="kept from seeing it, to measure lift" />
      </fieldset>
      <fieldset class="row-group">
        <legend>How often</legend>
        <NumberField label="Shows per user at most" path={['frequency', 'maxShows']} value={frequency.maxShows ?? undefined} min={1} step={1} onChange={(v) => edit(['frequency', 'maxShows'], v ?? null)} hint="empty: no limit" />
        <NumberField label="Hours between shows" path={['frequency', 'minIntervalHours']} value={frequency.minIntervalHours} min={0} onChange={(v) => edit(['frequency', 'minIntervalHours'], v ?? 0)} />
        <fieldset class="feature-choice">
          <legend>Stop once</legend>
          {STOP_AFTER.map((s) => (
            <label class="inline" key={s.value}>
              <input type="checkbox" disabled={!editable} checked={frequency.stopAfter.includes(s.value)} onChange={(e) => toggleStop(s.value, (e.target as HTMLInputElement).checked)} />
              {s.label}
            </label>
          ))}
          <ListError path="frequency.stopAfter" />
        </fieldset>
        <NumberField label="Users per account at most" path={['accountCaps', 'maxUsers']} value={draft.accountCaps.maxUsers ?? undefined} min={1} step={1} onChange={(v) => edit(['accountCaps', 'maxUsers'], v ?? null)} hint="empty: no limit" />
        <NumberField label="Account cool-off (hours)" path={['accountCaps', 'coolOffHours']} value={draft.accountCaps.coolOffHours} min={0} onChange={(v) => edit(['accountCaps', 'coolOffHours'], v ?? 0)} hint="after anyone there saw it" />
        <NumberField label="Priority" path={['priority']} value={draft.priority} min={0} max={1000} step={1} onChange={(v) => edit(['priority'], v ?? 0)} hint="higher wins when several could show" />
      </fieldset>
    </>
  );
}
