// "Log a touch": a call, meeting, chat or email with an account, so contact recency and
// coverage reflect what CS actually did.
import { useState } from 'preact/hooks';
import type { TouchInput } from '../../api.ts';
import { client } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { DialogFooter } from '../dialog-footer.tsx';
import { useModalDialog } from '../use-modal-dialog.ts';

const CHANNELS: TouchInput['channel'][] = ['call', 'meeting', 'chat', 'email', 'other'];

/** A datetime-local value for now, in the viewer's time zone. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function TouchDialog({ account, onClose, onLogged }: { account: { accountId: string; name: string }; onClose: () => void; onLogged: () => void }) {
  const dialog = useModalDialog();
  const [channel, setChannel] = useState<TouchInput['channel']>('call');
  const [note, setNote] = useState('');
  const [at, setAt] = useState(localNow);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      // The input is local wall-clock time; the server wants an instant.
      await client.value!.logTouch(account.accountId, { channel, note, at: new Date(at).toISOString() });
      announce(`Touch logged for ${account.name}`);
      onLogged();
      onClose();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="touch-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id="touch-title">Log a touch with {account.name}</h2>
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel((e.target as HTMLSelectElement).value as TouchInput['channel'])}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          When
          <input type="datetime-local" value={at} max={localNow()} required onInput={(e) => setAt((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Note
          <textarea rows={4} maxLength={5000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} placeholder="What was discussed, what was agreed" />
        </label>
        <DialogFooter problem={problem} busy={busy} onCancel={onClose} action="Log touch" busyLabel="Saving…" />
      </form>
    </dialog>
  );
}
