// Form fields for definition editors. Each knows its path, so the server's error for that field
// ("thresholds.yellow: yellow must be below green") shows right beside it.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useId } from 'preact/hooks';
import type { ApiFailure } from '../../api.ts';
import { type Path, pathText } from '../../draft.ts';
import { canEdit } from '../../state/role.ts';

/** The last refusal from the server, for fields to find their own message in. */
export const FailureContext = createContext<ApiFailure | null>(null);
/** True where the signed-in role may read but not change (e.g. settings for editors). Viewers never change anything. */
export const ReadOnlyContext = createContext(false);

/** Whether this user may change the fields here. */
export function useEditable(): boolean {
  return canEdit.value && !useContext(ReadOnlyContext);
}


export function FieldError({ path }: { path: Path }) {
  const failure = useContext(FailureContext);
  const text = pathText(path);
  if (!failure || failure.field !== text) return null;
  return (
    <span class="field-error" role="alert">
      {failure.message.slice(text.length + 2)}
    </span>
  );
}

function useInvalid(path: Path): boolean {
  const failure = useContext(FailureContext);
  return !!failure && failure.field === pathText(path);
}

interface Common {
  label: string;
  path: Path;
  hint?: ComponentChildren;
  /** Read-only regardless of role, e.g. the key of a saved definition. */
  readOnly?: boolean;
}

export function TextField({ label, path, value, onChange, hint, readOnly, placeholder }: Common & { value: string; onChange: (value: string) => void; placeholder?: string }) {
  const id = useId();
  const editable = useEditable();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} placeholder={placeholder} disabled={!editable || readOnly} aria-invalid={useInvalid(path)} onInput={(e) => onChange((e.target as HTMLInputElement).value)} />
      {hint && <span class="hint">{hint}</span>}
      <FieldError path={path} />
    </div>
  );
}

/** A number, or undefined when left empty (for optional fields). */
export function NumberField({ label, path, value, onChange, hint, min, max, step }: Common & { value: number | undefined; onChange: (value: number | undefined) => void; min?: number; max?: number; step?: number }) {
  const id = useId();
  const editable = useEditable();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={value ?? ''}
        min={min}
        max={max}
        step={step ?? 'any'}
        disabled={!editable}
        aria-invalid={useInvalid(path)}
        onInput={(e) => {
          const text = (e.target as HTMLInputElement).value;
          onChange(text === '' ? undefined : Number(text));
        }}
      />
      {hint && <span class="hint">{hint}</span>}
      <FieldError path={path} />
    </div>
  );
}

export function SelectField<T extends string>({ label, path, value, options, onChange, hint }: Common & { value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void }) {
  const id = useId();
  const editable = useEditable();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} disabled={!editable} aria-invalid={useInvalid(path)} onChange={(e) => onChange((e.target as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <span class="hint">{hint}</span>}
      <FieldError path={path} />
    </div>
  );
}

export function CheckboxField({ label, path, checked, onChange, hint }: Common & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  const editable = useEditable();
  return (
    <div class="field checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={!editable} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
      {hint && <span class="hint">{hint}</span>}
      <FieldError path={path} />
    </div>
  );
}

/** A button that changes the draft (add, remove, move): editors only. */
export function EditButton({ children, onClick, label, disabled }: { children: ComponentChildren; onClick: () => void; label?: string; disabled?: boolean }) {
  if (!useEditable()) return null;
  return (
    <button type="button" class="secondary small" aria-label={label} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}
