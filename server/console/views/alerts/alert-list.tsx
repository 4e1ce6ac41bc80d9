// Alerts with what they are about, when they were raised, and acknowledge / resolve for editors.
import { useState } from 'preact/hooks';
import type { Alert } from '../../api.ts';
import { humanize } from '../../format.ts';
import { TimeAgo } from '../time-ago.tsx';
import { client } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { canEdit } from '../../state/role.ts';

function Subject({ alert }: { alert: Alert }) {
  if (!alert.subjectId) return null;
  if (alert.subjectKind === 'account') return <a href={`#/accounts/${encodeURIComponent(alert.subjectId)}`}>{alert.subjectName ?? alert.subjectId}</a>;
  if (alert.subjectKind === 'user') return <a href={`#/users/${encodeURIComponent(alert.subjectId)}`}>{alert.subjectId}</a>;
  // A failing anchor is fixed in the campaign's editor.
  if (alert.subjectKind === 'campaign') return <a href={`#/campaigns/${encodeURIComponent(alert.subjectId)}`}>{alert.subjectName ?? alert.subjectId}</a>;
  return <span>{alert.subjectId}</span>;
}

function AlertItem({ alert, onChanged, showSubject }: { alert: Alert; onChanged: () => void; showSubject: boolean }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (action: 'acknowledge' | 'resolve') => {
    setBusy(true);
    setProblem(null);
    try {
      await (action === 'acknowledge' ? client.value!.acknowledgeAlert(alert.id) : client.value!.resolveAlert(alert.id));
      announce(action === 'acknowledge' ? 'Alert acknowledged' : 'Alert resolved');
      onChanged();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={`alert alert-${alert.status}`}>
      <div class="alert-text">
        <span class={`pill status-${alert.status}`}>{alert.status}</span> <strong>{alert.message}</strong>
        <div class="muted small">
          {humanize(alert.rule)}
          {showSubject && alert.subjectId && (
            <>
              {' · '}
              <Subject alert={alert} />
            </>
          )}
          {' · '}
          <TimeAgo at={alert.raisedAt} />
        </div>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      {canEdit.value && alert.status !== 'resolved' && (
        <div class="actions">
          {alert.status === 'open' && (
            <button type="button" class="secondary small" disabled={busy} onClick={() => act('acknowledge')}>
              Acknowledge
            </button>
          )}
          <button type="button" class="secondary small" disabled={busy} onClick={() => act('resolve')}>
            Resolve
          </button>
        </div>
      )}
    </li>
  );
}

export function AlertList({ alerts, onChanged, showSubject = true }: { alerts: Alert[]; onChanged: () => void; showSubject?: boolean }) {
  return (
    <ul class="alerts">
      {alerts.map((a) => (
        <AlertItem key={a.id} alert={a} onChanged={onChanged} showSubject={showSubject} />
      ))}
    </ul>
  );
}
