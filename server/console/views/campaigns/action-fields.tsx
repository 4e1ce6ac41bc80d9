// What pressing a button, checklist item or launcher entry does: one of the actions the guide
// runtime carries out, with just the fields that action needs.
import type { ButtonAction } from '../../../protocol/content.ts';
import type { Path } from '../../draft.ts';
import { CheckboxField, NumberField, SelectField, TextField } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';

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

export function ActionFields({ action, path, edit, label = 'Does' }: { action: ButtonAction; path: Path; edit: Edit; label?: string }) {
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
      {action.type === 'tour' && <TextField label="Tour campaign id" path={[...path, 'campaignId']} value={action.campaignId} onChange={(v) => edit([...path, 'campaignId'], v)} />}
      {action.type === 'track' && <TextField label="Event name" path={[...path, 'event']} value={action.event} onChange={(v) => edit([...path, 'event'], v)} />}
      {action.type === 'complete_item' && <TextField label="Checklist item id" path={[...path, 'itemId']} value={action.itemId} onChange={(v) => edit([...path, 'itemId'], v)} />}
    </>
  );
}
