// "Erase user…" and "Erase account…": a person's request to be forgotten, or a customer who left,
// done by an admin. Nothing can bring the data back, so the dialog says what goes and what
// stays, and asks for the id typed out.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { announce } from '../../state/notice.ts';
import { navigate } from '../../state/route.ts';
import { DialogFooter } from '../dialog-footer.tsx';
import { useModalDialog } from '../use-modal-dialog.ts';

export interface Erasing {
  /** "Lea Ving", "Maple Dental". */
  name: string;
  /** What must be typed to confirm: the user or account id. */
  id: string;
  what: 'user' | 'account';
  /** What goes and what stays, in words. */
  explanation: ComponentChildren;
  /** Erases; resolves to the notice to show afterwards. */
  erase: () => Promise<string>;
  /** Where the console goes once it is done. */
  then: string;
}

export function EraseDialog({ erasing, onClose }: { erasing: Erasing; onClose: () => void }) {
  const dialog = useModalDialog();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (typed.trim() !== erasing.id) return setProblem(`Type ${erasing.id} exactly to confirm.`);
    setBusy(true);
    setProblem(null);
    try {
      announce(await erasing.erase());
      onClose();
      navigate(erasing.then, { replace: true });
    } catch (error) {
      setProblem((error as Error).message);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="erase-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id="erase-title">Erase {erasing.name}?</h2>
        {erasing.explanation}
        <p class="muted small">Stop your product sending their events first: a new event with the id starts a new {erasing.what}.</p>
        <label>
          <span>
            Type <strong>{erasing.id}</strong> to confirm
          </span>
          <input type="text" autoComplete="off" spellcheck={false} value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        </label>
        <DialogFooter problem={problem} busy={busy} onCancel={onClose} action={`Erase ${erasing.what}`} busyLabel="Erasing…" danger />
      </form>
    </dialog>
  );
}
