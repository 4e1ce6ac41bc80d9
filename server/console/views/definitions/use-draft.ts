// The form's copy of a definition: starts from the stored one (again whenever that changes, e.g.
// after a save) and is edited by path.
import { useEffect, useState } from 'preact/hooks';
import { type Path, setIn } from '../../draft.ts';

export type Edit = (path: Path, value: unknown) => void;

export function useDraft<T>(source: () => T, deps: unknown[]): [T, (draft: T) => void, Edit] {
  const [draft, setDraft] = useState<T>(source);
  useEffect(() => setDraft(source()), deps);
  const edit: Edit = (path, value) => setDraft((d) => setIn(d, path, value));
  return [draft, setDraft, edit];
}
