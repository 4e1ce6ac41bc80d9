// What pressing a button, checklist item or launcher entry does: one of the actions the guide
// runtime carries out, with just the fields that action needs. A tour to start or a checklist
// item to tick is picked by name among the workspace's campaigns.
import { useContext } from 'preact/hooks';
import type { ButtonAction } from '../../../protocol/content.ts';
import type { Path } from '../../draft.ts';
import { CheckboxField, FieldError, NumberField, SelectField, TextField } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import { ActionTargetsContext } from './action-targets.ts';
import type { Choice } from './vocabulary.ts';

type ActionType = ButtonAction['type'];

const ACTIONS: readonly { value: ActionType; label: string }[] = [
  { value: 'dismiss', label: 'Close it' },
  { value: 'next', label: 'Next step' },
  { value: 'back', label: 'Previous step' },
  { value: 'snooze', label: 'Snooze for days' },
  { value: 'url', label: 'Open a link' },
  { value: 'tour', label: 'Start a tour' },
  { value: 'track', label: 'Track an event' },
  { value: 'complete_item', label: 'Complete a checklist item' },
];

export function actionOf(type: ActionType): ButtonAction {
  switch (type) {
    case 'snooze':
      return { type, days: 7 };
    case 'url':
      return { type, url: 'https://' };
    case 'tour':
      return { type, campaignId: '' };
    case 'track':
      return { type, event: '' };
    case 'complete_item':
      return { type, itemId: '' };
    default:
      return { type };
  }
}

/**
 * A tour or checklist item picked by name; its id is what is stored. An id that names nothing
 * listed (archived or deleted since) stays selected, so opening a campaign never changes it unseen.
 */
function TargetPicker({ label, path, value, choices, loading, none, onChange }: { label: string; path: Path; value: string; choices: Choice[] | null; loading: boolean; none: string; onChange: (id: string) => void }) {
  if (loading || (choices?.length === 0 && !value)) {
    return (
      <div class="field">
        <span class="field-label">{label}</span>
        <span class="hint" role={loading ? 'status' : undefined}>
          {loading ? 'Loading campaigns…' : none}
        </span>
        <FieldError path={path} />
      </div>
    );
  }
  // The list could not be loaded: the id by hand, as before it was known.
  if (!choices) return <TextField label={`${label} (id)`} path={path} value={value} onChange={onChange} />;
  const options = [
    ...(value ? [] : [{ value: '', label: '— choose —' }]),
    ...(value && !choices.some((c) => c.value === value) ? [{ value, label: `${value} (not found among current campaigns)` }] : []),
    ...choices,
  ];
  return <SelectField label={label} path={path} value={value} options={options} onChange={onChange} />;
}

export function ActionFields({ action, path, edit, label = 'Does' }: { action: ButtonAction; path: Path; edit: Edit; label?: string }) {
  const targets = useContext(ActionTargetsContext);
  return (
    <>
      <SelectField label={label} path={[...path, 'type']} value={action.type} options={ACTIONS} onChange={(t) => edit(path, actionOf(t))} />
      {action.type === 'snooze' && <NumberField label="Days" path={[...path, 'days']} value={action.days} min={1} max={365} step={1} onChange={(v) => edit([...path, 'days'], v ?? 1)} />}
      {action.type === 'url' && (
        <>
          <TextField label="Link" path={[...path, 'url']} value={action.url} onChange={(v) => edit([...path, 'url'], v)} hint="https:, mailto: or a path on your site" />
          <CheckboxField label="New tab" path={[...path, 'newTab']} checked={!!action.newTab} onChange={(v) => edit([...path, 'newTab'], v || undefined)} />
        </>
      )}
      {action.type === 'tour' && (
        <TargetPicker label="Tour" path={[...path, 'campaignId']} value={action.campaignId} choices={targets.tours} loading={targets.loading} none="No tour campaigns yet: create a tour under Campaigns, then pick it here." onChange={(v) => edit([...path, 'campaignId'], v)} />
      )}
      {action.type === 'track' && <TextField label="Event name" path={[...path, 'event']} value={action.event} onChange={(v) => edit([...path, 'event'], v)} />}
      {action.type === 'complete_item' && (
        <TargetPicker label="Checklist item" path={[...path, 'itemId']} value={action.itemId} choices={targets.checklistItems} loading={targets.loading} none="No checklist items yet: create a checklist campaign, then pick one of its items here." onChange={(v) => edit([...path, 'itemId'], v)} />
      )}
    </>
  );
}
