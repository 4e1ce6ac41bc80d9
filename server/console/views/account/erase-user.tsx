// "Erase user": a person's request to be forgotten, done by an admin. Nothing can bring the data
// back, so the dialog says what goes and what stays, and asks for the user id typed out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { navigate } from '../../state/route.ts';

export function EraseUserDialog({ user, onClose }: { user: { userId: string; name: string; accountId: string | null }; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current!;
    if (!element.open) element.showModal?.();
    const opener = document.activeElement as HTMLElement | null;
    return () => opener?.focus?.();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (typed.trim() !== user.userId) return setProblem(`Type ${user.userId} exactly to confirm.`);
    setBusy(true);
    setProblem(null);
    try {
      const erased = await client.value!.eraseUser(user.userId);
      announce(`Erased ${user.name}: ${formatNumber(erased.events)} events de-identified`);
      onClose();
      navigate(user.accountId ? `#/accounts/${encodeURIComponent(user.accountId)}` : '#/accounts', { replace: true });
    } catch (error) {
      setProblem((error as Error).message);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="erase-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id="erase-title">Erase {user.name}?</h2>
        <p>
          For a request to be forgotten. Their traits, feature use, journey stage, certifications, guidance history and survey answers are deleted, with
          the alerts and webhook deliveries that quote them. Their events stay without any id or detail, so the account keeps its feature use; its
          deployment counts one user fewer. This cannot be undone.
        </p>
        <p class="muted small">Stop your product sending their events first: a new event with their id starts a new user.</p>
        <label>
          <span>
            Type <strong>{user.userId}</strong> to confirm
          </span>
          <input type="text" autoComplete="off" spellcheck={false} value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        </label>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
        <div class="actions">
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="danger" disabled={busy}>
            {busy ? 'Erasing…' : 'Erase user'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
