// The alert feed: what crossed a threshold, pushed to CS rather than waiting to be found.
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { AlertList } from './alert-list.tsx';

const STATUSES = ['unresolved', 'open', 'acknowledged', 'resolved', 'all'] as const;
const PAGE = 25;

export function AlertFeed() {
  const api = client.value!;
  const query = route.value.query;
  const status = STATUSES.find((s) => s === query.get('status')) ?? 'unresolved';
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const [resource, retry] = useResource(() => api.alerts(status, offset, PAGE), [api, status, offset]);
  const go = (next: { status?: string; offset?: number }) => navigate(href(['alerts'], { status: next.status ?? status, offset: next.offset || undefined }));
  return (
    <Panel
      title="Alert feed"
      id="alert-feed"
      actions={
        <label class="filter">
          <span class="filter-label">Show</span>
          <select value={status} onChange={(e) => go({ status: (e.target as HTMLSelectElement).value, offset: 0 })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <Loaded resource={resource} retry={retry} isEmpty={(r) => r.total === 0} empty={status === 'unresolved' ? 'Nothing needs attention: no open alerts.' : `No ${status} alerts.`}>
        {(r) => (
          <>
            <AlertList alerts={r.alerts} onChanged={retry} />
            {r.total > PAGE && (
              <nav class="pager" aria-label="Alert pages">
                <button type="button" class="secondary small" disabled={offset === 0} onClick={() => go({ offset: offset - PAGE })}>
                  Previous
                </button>
                <span class="muted">
                  {formatNumber(offset + 1)}–{formatNumber(Math.min(offset + PAGE, r.total))} of {formatNumber(r.total)}
                </span>
                <button type="button" class="secondary small" disabled={offset + PAGE >= r.total} onClick={() => go({ offset: offset + PAGE })}>
                  Next
                </button>
              </nav>
            )}
          </>
        )}
      </Loaded>
    </Panel>
  );
}
