// Translations of a message. Each visitor gets the one for their browser's language ("pt-BR",
// else "pt"), or the message itself when there is none. A new translation starts as a copy of
// the message, so its buttons keep their actions and only the words need changing.
import { useId, useState } from 'preact/hooks';
import type { MessageContent } from '../../../protocol/content.ts';
import { LOCALE_TAG, LOCALE_TAG_RULE } from '../../../protocol/locale-tag.ts';
import type { Path } from '../../draft.ts';
import { formatLanguage } from '../../format.ts';
import { EditButton, FieldError, useEditable } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import { ContentFields } from './content-fields.tsx';

export type Translations = Record<string, MessageContent>;

/** Why `tag` cannot be added next to the translations `taken`, or null when it can. */
export function localeProblem(tag: string, taken: readonly string[]): string | null {
  if (!tag) return 'type a language code, e.g. fr or pt-BR';
  if (!LOCALE_TAG.test(tag)) return LOCALE_TAG_RULE;
  // Visitors' languages are matched ignoring case, so "pt-br" would shadow "pt-BR".
  const same = taken.find((t) => t.toLowerCase() === tag.toLowerCase());
  return same ? `there is a ${formatLanguage(same)} translation already` : null;
}

/** The translations without `tag`; undefined once none is left, so the campaign stores none. */
export function withoutLocale(locales: Translations, tag: string): Translations | undefined {
  const { [tag]: _removed, ...rest } = locales;
  return Object.keys(rest).length ? rest : undefined;
}

function AddLocale({ taken, onAdd }: { taken: readonly string[]; onAdd: (tag: string) => void }) {
  const id = useId();
  const [tag, setTag] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const wanted = tag.trim();
    const why = localeProblem(wanted, taken);
    setProblem(why);
    if (why) return;
    onAdd(wanted);
    setTag('');
  };
  return (
    <div class="fields add-locale">
      <div class="field">
        <label for={id}>Language code</label>
        <input
          id={id}
          type="text"
          value={tag}
          placeholder="fr or pt-BR"
          aria-invalid={!!problem}
          onInput={(e) => {
            setTag((e.target as HTMLInputElement).value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            // Enter adds the language here; it must not submit (save) the whole campaign.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
        />
        {problem ? (
          <span class="field-error" role="alert">
            {problem}
          </span>
        ) : (
          <span class="hint">shown to visitors whose browser prefers that language</span>
        )}
      </div>
      <button type="button" class="secondary small" onClick={add}>
        Add translation
      </button>
    </div>
  );
}

/** The translations of `base` at `path` (a campaign's or a tour step's `locales`). */
export function LocaleFields({ locales, base, path, edit, what }: { locales: Translations | undefined; base: MessageContent; path: Path; edit: Edit; what: string }) {
  const editable = useEditable();
  const tags = Object.keys(locales ?? {});
  if (!tags.length && !editable) return null;
  return (
    <fieldset class="row-group locales">
      <legend>{what} translations</legend>
      {!tags.length && <p class="hint">Everyone sees the {what.toLowerCase()} as written above.</p>}
      {tags.map((tag) => (
        <div class="locale" key={tag}>
          <ContentFields content={locales![tag]!} path={[...path, tag]} edit={edit} legend={`${what} in ${formatLanguage(tag)}`} />
          <FieldError path={[...path, tag]} />
          <EditButton label={`Remove the ${formatLanguage(tag)} translation`} onClick={() => edit(path, withoutLocale(locales!, tag))}>
            Remove {formatLanguage(tag)}
          </EditButton>
        </div>
      ))}
      {editable && <AddLocale taken={tags} onAdd={(tag) => edit([...path, tag], base)} />}
    </fieldset>
  );
}
