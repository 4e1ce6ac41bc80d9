// The fields a kind of campaign has besides its content: where a tooltip points, where a banner
// sits, a tour's steps, a checklist's items, a launcher's entries, a survey's question and the
// program a certification badge shows.
import type { Anchor } from '../../../protocol/campaign.ts';
import type { Path } from '../../draft.ts';
import { freshId, NEXT_BUTTON, POSITIONS, type CampaignDraft } from '../../state/campaigns.ts';
import { CheckboxField, EditButton, FieldError, SelectField, TextField } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import { ActionFields } from './action-fields.tsx';
import { ContentFields } from './content-fields.tsx';
import { LocaleFields } from './locale-fields.tsx';
import type { Choice, Vocabulary } from './vocabulary.ts';

const PLACEMENTS: readonly { value: Anchor['placement']; label: string }[] = (['right', 'left', 'top', 'bottom', 'right-start', 'left-start', 'top-start', 'bottom-start'] as const).map((p) => ({ value: p, label: p }));

const withNone = (choices: Choice[], none: string) => [{ value: '', label: none }, ...choices];

export function AnchorFields({ anchor, path, edit }: { anchor: Anchor; path: Path; edit: Edit }) {
  return (
    <div class="fields">
      <TextField label="Anchor element (CSS selector)" path={[...path, 'selector']} value={anchor.selector} placeholder='[data-nav="payments"]' onChange={(v) => edit([...path, 'selector'], v)} hint="the element it points to in your product; inside a web component or a same-origin iframe, name the host or iframe first: app-toolbar >>> #export" />
      <SelectField label="Placement" path={[...path, 'placement']} value={anchor.placement} options={PLACEMENTS} onChange={(v) => edit([...path, 'placement'], v)} />
    </div>
  );
}

type Step = NonNullable<CampaignDraft['steps']>[number];

/** A click-to-continue step shows no Next button, so its editor holds none either; turned off, it gets one back. */
function clickToContinue(step: Step, on: boolean): Step {
  const buttons = step.content.buttons ?? [];
  const withoutNext = buttons.filter((b) => b.action.type !== 'next');
  const kept = on ? withoutNext : step.advanceOnClick && buttons.length === withoutNext.length ? [...buttons, NEXT_BUTTON] : buttons;
  return { ...step, advanceOnClick: on || undefined, content: { ...step.content, buttons: kept } };
}

function Steps({ draft, edit }: { draft: CampaignDraft; edit: Edit }) {
  const steps = draft.steps ?? [];
  const add = () => edit(['steps'], [...steps, { id: freshId('step', steps), content: { title: '', body: [], buttons: [NEXT_BUTTON] } }]);

  return (
    <>
      {steps.map((step, i) => (
        <fieldset class="row-group step" key={step.id}>
          <legend>Step {i + 1}</legend>
          <div class="fields">
            <TextField label="Shown on page" path={['steps', i, 'page']} value={step.page ?? ''} placeholder="/settings/*" onChange={(v) => edit(['steps', i, 'page'], v || undefined)} hint="empty: wherever the tour is" />
            <TextField label="Next goes to" path={['steps', i, 'url']} value={step.url ?? ''} placeholder="/payments" onChange={(v) => edit(['steps', i, 'url'], v || undefined)} hint="only when the next step’s page is a pattern (/reports/*): Next and Back open a plain path by themselves" />
          </div>
          <CheckboxField
            label="Points at an element"
            path={['steps', i, 'anchor']}
            checked={!!step.anchor}
            onChange={(on) => edit(['steps', i], on ? { ...step, anchor: { selector: '', placement: 'right' } } : { ...clickToContinue(step, false), anchor: undefined })}
          />
          {step.anchor && <AnchorFields anchor={step.anchor} path={['steps', i, 'anchor']} edit={edit} />}
          {step.anchor && (
            <CheckboxField
              label="Moves on when the user clicks the element"
              path={['steps', i, 'advanceOnClick']}
              checked={!!step.advanceOnClick}
              onChange={(on) => edit(['steps', i], clickToContinue(step, on))}
              hint="instead of a Next button, e.g. “Click Export to continue”; if the click opens another page, the tour goes on there"
            />
          )}
          <ContentFields content={step.content} path={['steps', i, 'content']} edit={edit} legend={`Step ${i + 1} message`} />
          <LocaleFields locales={step.locales} base={step.content} path={['steps', i, 'locales']} edit={edit} what={`Step ${i + 1} message`} />
          <EditButton label={`Remove step ${i + 1}`} disabled={steps.length === 1} onClick={() => edit(['steps'], steps.filter((_, k) => k !== i))}>
            Remove step
          </EditButton>
        </fieldset>
      ))}
      <FieldError path={['steps']} />
      <EditButton onClick={add}>Add a step</EditButton>
    </>
  );
}

function Items({ draft, edit, vocabulary }: { draft: CampaignDraft; edit: Edit; vocabulary: Vocabulary }) {
  const items = draft.items ?? [];
  return (
    <>
      {items.map((item, i) => (
        <fieldset class="row-group" key={item.id}>
          <legend>Item {i + 1}</legend>
          <TextField label="Task" path={['items', i, 'label']} value={item.label} onChange={(v) => edit(['items', i, 'label'], v)} />
          <TextField label="Why (optional)" path={['items', i, 'description']} value={item.description ?? ''} onChange={(v) => edit(['items', i, 'description'], v || undefined)} />
          <SelectField label="Done when the user uses" path={['items', i, 'feature']} value={item.feature ?? ''} options={withNone(vocabulary.features, '— a button action —')} onChange={(v) => edit(['items', i, 'feature'], v || undefined)} />
          <CheckboxField label="Clicking it does something" path={['items', i, 'action']} checked={!!item.action} onChange={(on) => edit(['items', i, 'action'], on ? { type: 'url', url: '/' } : undefined)} />
          {item.action && <ActionFields action={item.action} path={['items', i, 'action']} edit={edit} />}
          <EditButton label={`Remove item ${i + 1}`} disabled={items.length === 1} onClick={() => edit(['items'], items.filter((_, k) => k !== i))}>
            Remove
          </EditButton>
        </fieldset>
      ))}
      <FieldError path={['items']} />
      <EditButton onClick={() => edit(['items'], [...items, { id: freshId('item', items), label: '' }])}>Add an item</EditButton>
    </>
  );
}

function Entries({ draft, edit }: { draft: CampaignDraft; edit: Edit }) {
  const entries = draft.entries ?? [];
  return (
    <>
      {entries.map((entry, i) => (
        <fieldset class="row-group" key={entry.id}>
          <legend>Entry {i + 1}</legend>
          <TextField label="Label" path={['entries', i, 'label']} value={entry.label} onChange={(v) => edit(['entries', i, 'label'], v)} />
          <ActionFields action={entry.action} path={['entries', i, 'action']} edit={edit} />
          <EditButton label={`Remove entry ${i + 1}`} disabled={entries.length === 1} onClick={() => edit(['entries'], entries.filter((_, k) => k !== i))}>
            Remove
          </EditButton>
        </fieldset>
      ))}
      <FieldError path={['entries']} />
      <EditButton onClick={() => edit(['entries'], [...entries, { id: freshId('entry', entries), label: '', action: { type: 'url', url: 'https://' } }])}>Add an entry</EditButton>
    </>
  );
}

function Question({ draft, edit }: { draft: CampaignDraft; edit: Edit }) {
  const question = draft.question ?? { type: 'nps' as const };
  return (
    <fieldset class="row-group">
      <legend>Question</legend>
      <SelectField
        label="Asks for"
        path={['question', 'type']}
        value={question.type}
        options={[
          { value: 'nps', label: 'A score from 0 to 10 (NPS)' },
          { value: 'choice', label: 'One choice among options' },
        ]}
        onChange={(t) => edit(['question'], t === 'nps' ? { type: 'nps' } : { type: 'choice', options: [{ id: 'a', label: 'Yes' }, { id: 'b', label: 'No' }] })}
      />
      {question.type === 'nps' && <TextField label="Comment prompt (optional)" path={['question', 'commentPrompt']} value={question.commentPrompt ?? ''} onChange={(v) => edit(['question', 'commentPrompt'], v || undefined)} />}
      {question.type === 'choice' && (
        <>
          {question.options.map((o, i) => (
            <div class="fields" key={o.id}>
              <TextField label={`Option ${i + 1}`} path={['question', 'options', i, 'label']} value={o.label} onChange={(v) => edit(['question', 'options', i, 'label'], v)} />
              <EditButton label={`Remove option ${i + 1}`} disabled={question.options.length <= 2} onClick={() => edit(['question', 'options'], question.options.filter((_, k) => k !== i))}>
                ×
              </EditButton>
            </div>
          ))}
          <FieldError path={['question', 'options']} />
          <EditButton disabled={question.options.length >= 10} onClick={() => edit(['question', 'options'], [...question.options, { id: freshId('option', question.options), label: '' }])}>
            Add an option
          </EditButton>
        </>
      )}
    </fieldset>
  );
}

export function KindFields({ draft, edit, vocabulary }: { draft: CampaignDraft; edit: Edit; vocabulary: Vocabulary }) {
  const positions = POSITIONS[draft.kind];
  switch (draft.kind) {
    case 'tooltip':
    case 'hotspot':
      return (
        <>
          <AnchorFields anchor={draft.anchor ?? { selector: '', placement: 'right' }} path={['anchor']} edit={edit} />
          <FieldError path={['anchor']} />
        </>
      );
    case 'modal':
      return (
        <>
          <CheckboxField label="Spotlight an element behind it" path={['anchor']} checked={!!draft.anchor} onChange={(on) => edit(['anchor'], on ? { selector: '', placement: 'bottom' } : undefined)} />
          {draft.anchor && <AnchorFields anchor={draft.anchor} path={['anchor']} edit={edit} />}
        </>
      );
    case 'banner':
    case 'slideout':
      return <SelectField label="Position" path={['position']} value={draft.position ?? positions![0]!} options={positions!.map((p) => ({ value: p, label: p === 'top' ? 'Top' : p === 'bottom' ? 'Bottom' : p === 'left' ? 'Left' : 'Right' }))} onChange={(v) => edit(['position'], v)} />;
    case 'tour':
      return <Steps draft={draft} edit={edit} />;
    case 'checklist':
      return <Items draft={draft} edit={edit} vocabulary={vocabulary} />;
    case 'launcher':
      return <Entries draft={draft} edit={edit} />;
    case 'survey':
      return <Question draft={draft} edit={edit} />;
    case 'certification':
      return vocabulary.programs.length ? (
        <SelectField label="Certification program" path={['program']} value={draft.program ?? ''} options={withNone(vocabulary.programs, '— choose a program —')} onChange={(v) => edit(['program'], v)} />
      ) : (
        <TextField label="Certification program key" path={['program']} value={draft.program ?? ''} onChange={(v) => edit(['program'], v)} hint="define programs under Certification" />
      );
  }
}
