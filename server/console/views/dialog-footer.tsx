// The end of every dialog's form: the problem the server gave, Cancel, and the action.
export function DialogFooter({ problem, busy, onCancel, action, busyLabel, danger = false }: {
  problem: string | null;
  busy: boolean;
  onCancel: () => void;
  action: string;
  busyLabel: string;
  danger?: boolean;
}) {
  return (
    <>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class={danger ? 'danger' : undefined} disabled={busy}>
          {busy ? busyLabel : action}
        </button>
      </div>
    </>
  );
}
