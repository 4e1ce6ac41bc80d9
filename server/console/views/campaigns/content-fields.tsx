// A message's content as structured fields, never HTML: a title, paragraphs and lists made of
// text runs (plain, bold, italic or a link), an optional image and up to three buttons.
import type { Block, Inline, MessageContent } from '../../../protocol/content.ts';
import type { Path } from '../../draft.ts';
import { EditButton, FieldError, SelectField, TextField } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import { freshId } from '../../state/campaigns.ts';
import { ActionFields } from './action-fields.tsx';

type RunStyle = 'plain' | 'bold' | 'italic' | 'bold-italic' | 'link';
const RUN_STYLES: readonly { value: RunStyle; label: string }[] = [
  { value: 'plain', label: 'Plain' },
  { value: 'bold', label: 'Bold' },
  { value: 'italic', label: 'Italic' },
  { value: 'bold-italic', label: 'Bold italic' },
  { value: 'link', label: 'Link' },
];

const styleOf = (run: Inline): RunStyle => ('link' in run ? 'link' : run.bold && run.italic ? 'bold-italic' : run.bold ? 'bold' : run.italic ? 'italic' : 'plain');

function restyle(run: Inline, style: RunStyle): Inline {
  if (style === 'link') return { text: run.text, link: 'link' in run ? run.link : 'https://' };
  return { text: run.text, ...(style.includes('bold') ? { bold: true } : {}), ...(style.includes('italic') ? { italic: true } : {}) };
}

type BlockKind = 'p' | 'ul' | 'ol';
const BLOCK_KINDS: readonly { value: BlockKind; label: string }[] = [
  { value: 'p', label: 'Paragraph' },
  { value: 'ul', label: 'Bulleted list' },
  { value: 'ol', label: 'Numbered list' },
];
const kindOf = (block: Block): BlockKind => ('p' in block ? 'p' : 'ul' in block ? 'ul' : 'ol');
const linesOf = (block: Block): Inline[][] => ('p' in block ? [block.p] : 'ul' in block ? block.ul : block.ol);
const blockOf = (kind: BlockKind, lines: Inline[][]): Block => (kind === 'p' ? { p: lines.flat() } : kind === 'ul' ? { ul: lines } : { ol: lines });

/** One line of text runs: a paragraph, or one item of a list. */
function Runs({ runs, path, edit, label }: { runs: Inline[]; path: Path; edit: Edit; label: string }) {
  return (
    <div class="runs">
      {runs.map((run, r) => (
        <div class="run" key={r}>
          <TextField label={r === 0 ? label : `${label}, part ${r + 1}`} path={[...path, r, 'text']} value={run.text} onChange={(v) => edit([...path, r, 'text'], v)} />
          <SelectField label="Style" path={[...path, r]} value={styleOf(run)} options={RUN_STYLES} onChange={(s) => edit([...path, r], restyle(run, s))} />
          {'link' in run && <TextField label="Link to" path={[...path, r, 'link']} value={run.link} onChange={(v) => edit([...path, r, 'link'], v)} />}
          {runs.length > 1 && (
            <EditButton label={`Remove part ${r + 1} of ${label}`} onClick={() => edit(path, runs.filter((_, k) => k !== r))}>
              ×
            </EditButton>
          )}
        </div>
      ))}
      <EditButton label={`Add styled text or a link to ${label}`} onClick={() => edit(path, [...runs, { text: '' }])}>
        + text or link
      </EditButton>
    </div>
  );
}

function BlockFields({ block, path, edit, index, onRemove }: { block: Block; path: Path; edit: Edit; index: number; onRemove: () => void }) {
  const kind = kindOf(block);
  const lines = linesOf(block);
  const name = kind === 'p' ? `Paragraph ${index + 1}` : `List ${index + 1}`;
  return (
    <fieldset class="row-group block">
      <legend>{name}</legend>
      <SelectField label="Kind" path={path} value={kind} options={BLOCK_KINDS} onChange={(k) => edit(path, blockOf(k, lines))} />
      {kind === 'p' ? (
        <Runs runs={lines[0] ?? []} path={[...path, 'p']} edit={edit} label={`${name} text`} />
      ) : (
        <>
          {lines.map((line, i) => (
            <Runs key={i} runs={line} path={[...path, kind, i]} edit={edit} label={`${name}, item ${i + 1}`} />
          ))}
          <EditButton onClick={() => edit([...path, kind], [...lines, [{ text: '' }]])}>Add an item</EditButton>
        </>
      )}
      <EditButton label={`Remove ${name}`} onClick={onRemove}>
        Remove
      </EditButton>
    </fieldset>
  );
}

export function ContentFields({ content, path, edit, legend = 'Message' }: { content: MessageContent; path: Path; edit: Edit; legend?: string }) {
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  const addButton = () => {
    const id = freshId('button', content.buttons);
    edit(at('buttons'), [...content.buttons, { id, label: content.buttons.length ? 'Later' : 'Got it', style: content.buttons.length ? 'secondary' : 'primary', action: { type: 'dismiss' } }]);
  };
  return (
    <fieldset class="row-group content-fields">
      <legend>{legend}</legend>
      <TextField label="Title" path={at('title')} value={content.title} onChange={(v) => edit(at('title'), v)} />
      {content.body.map((block, i) => (
        <BlockFields key={i} block={block} index={i} path={at('body', i)} edit={edit} onRemove={() => edit(at('body'), content.body.filter((_, k) => k !== i))} />
      ))}
      <FieldError path={at('body')} />
      <div class="actions">
        <EditButton onClick={() => edit(at('body'), [...content.body, { p: [{ text: '' }] }])}>Add a paragraph</EditButton>
        {!content.image && <EditButton onClick={() => edit(at('image'), { src: 'https://', alt: '' })}>Add an image</EditButton>}
      </div>
      {content.image && (
        <div class="fields">
          <TextField label="Image address" path={at('image', 'src')} value={content.image.src} onChange={(v) => edit(at('image', 'src'), v)} hint="https: or a path on your site" />
          <TextField label="Image description" path={at('image', 'alt')} value={content.image.alt} onChange={(v) => edit(at('image', 'alt'), v)} hint="read out to people who cannot see it" />
          <EditButton onClick={() => edit(at('image'), undefined)}>Remove image</EditButton>
        </div>
      )}
      {content.buttons.map((button, i) => (
        <div class="fields button-fields" key={button.id}>
          <TextField label={`Button ${i + 1}`} path={at('buttons', i, 'label')} value={button.label} onChange={(v) => edit(at('buttons', i, 'label'), v)} />
          <SelectField
            label="Style"
            path={at('buttons', i, 'style')}
            value={button.style}
            options={[
              { value: 'primary', label: 'Primary' },
              { value: 'secondary', label: 'Secondary' },
            ]}
            onChange={(v) => edit(at('buttons', i, 'style'), v)}
          />
          <ActionFields action={button.action} path={at('buttons', i, 'action')} edit={edit} />
          <EditButton label={`Remove button ${i + 1}`} onClick={() => edit(at('buttons'), content.buttons.filter((_, k) => k !== i))}>
            ×
          </EditButton>
        </div>
      ))}
      <FieldError path={at('buttons')} />
      {content.buttons.length < 3 && <EditButton onClick={addButton}>Add a button</EditButton>}
    </fieldset>
  );
}
