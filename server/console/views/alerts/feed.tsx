// The alert feed: what crossed a threshold, pushed to CS rather than waiting to be found.
import { useRef, useState } from 'preact/hooks';
import { formatNumber, humanize } from '../../format.ts';
import { client } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { AlertList } from './alert-list.tsx';

const STATUSES = ['unresolved', 'open', 'acknowledged', 'resolved', 'all'] as const;
const PAGE = 25;

type RuleCount = { rule: string; count: number };

/** One rule raised many alerts that all mean "seen, on it": acknowledge them in one go. */
function AcknowledgeRule({ rule, onDone }: { rule: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const acknowledge = async () => {
    setBusy(true);
    try {
      const { acknowledged } = await client.value!.acknowledgeRule(rule);
      announce(acknowledged ? `${formatNumber(acknowledged)} ${humanize(rule).toLowerCase()} alert${acknowledged === 1 ? '' : 's'} acknowledged` : 'No open alerts left to acknowledge');
      onDone();
    } catch (error) {
      announce(`Could not acknowledge: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="secondary small" disabled={busy} onClick={acknowledge}>
      Acknowledge all open
    </button>
  );
}

export function AlertFeed() {
  const api = client.value!;
  const query = route.value.query;
  const status = STATUSES.find((s) => s === query.get('status')) ?? 'unresolved';
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  // `rule` in the address already opens an alert rule in the editor beside the feed.
  const rule = query.get('from') || undefined;
  const [resource, retry] = useResource(() => api.alerts(status, offset, PAGE, rule), [api, status, offset, rule]);
  const go = (next: { status?: string; offset?: number; rule?: string }) =>
    navigate(href(['alerts'], { status: next.status ?? status, from: ('rule' in next ? next.rule : rule) || undefined, offset: next.offset || undefined }));
  // The rules with alerts of this status (the last ones known while the next page loads), and the
  // picked one even when it has none.
  const known = useRef<RuleCount[]>([]);
  if (resource.status === 'ready') known.current = resource.data.rules;
  const rules = known.current;
  const ruleChoices = rule && !rules.some((r) => r.rule === rule) ? [...rules, { rule, count: 0 }] : rules;
  const ruleName = rule ? humanize(rule).toLowerCase() : '';
  return (
    <Panel
      title="Alert feed"
      id="alert-feed"
      actions={
        <>
          {rule && canEdit.value && status !== 'acknowledged' && status !== 'resolved' && <AcknowledgeRule rule={rule} onDone={retry} />}
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
          <label class="filter">
            <span class="filter-label">Rule</span>
            <select value={rule ?? ''} onChange={(e) => go({ rule: (e.target as HTMLSelectElement).value, offset: 0 })}>
              <option value="">every rule</option>
              {ruleChoices.map((r) => (
                <option key={r.rule} value={r.rule}>
                  {humanize(r.rule)} ({formatNumber(r.count)})
                </option>
              ))}
            </select>
          </label>
        </>
      }
    >
      <Loaded
        resource={resource}
        retry={retry}
        isEmpty={(r) => r.total === 0}
        empty={
          rule
            ? `No ${status} alerts from the ${ruleName} rule.`
            : status === 'unresolved'
              ? 'Nothing needs attention: no open alerts.'
              : `No ${status} alerts.`
        }
      >
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
