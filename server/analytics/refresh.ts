// Keeps user and account metrics current. Incremental: only subjects with events since the last
// run (found through the event log's sequence) or marked dirty (a touch) are evaluated again;
// once a day, and on `uptake recompute`, everything is, since windows slide with the date.
import { inputOf } from '../protocol/campaign.ts';
import { sweepExpiredEvents } from '../store/event-retention.ts';
import { fromJson, type SqlDb, type Statement } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { loadDefinitions } from './definitions.ts';
import { type Definitions, Evaluator } from './evaluate.ts';
import { evaluateAll, evaluateWorkspace } from './evaluate-workspace.ts';
import { type Counts, type Emit, MetricsWriter, raiseAlert } from './metrics-writer.ts';
import { dayOf } from './usage.ts';

export interface RefreshOptions {
  now?: Date;
  /** Evaluate every subject, not only changed ones. */
  full?: boolean;
  /** With `full`: only this workspace (after its definitions changed); others wait for their turn. */
  workspaceId?: string;
  emit?: Emit;
  onProgress?: (done: number, total: number) => void;
}

export interface RefreshSummary extends Counts {
  workspaces: number;
  /** Events past their workspace's retention, deleted by the day's first run. */
  eventsDropped?: number;
  ms: number;
}

/**
 * PostgreSQL hands out sequence numbers before commit, so a transaction may commit a lower seq
 * after we read a higher one; re-reading this many numbers back catches those late commits.
 */
const LATE_COMMIT_MARGIN = 10_000;

export async function refreshAnalytics(store: Store, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const today = dayOf(now);
  const { sql } = store;
  const state = (await sql.get<{ seq: number; swept: string }>('SELECT event_seq AS seq, swept_day AS swept FROM analytics_state WHERE id = 1'))!;
  if (options.full && options.workspaceId) {
    const result = await refreshWorkspace(store, options.workspaceId, null, today, nowIso, options);
    return { workspaces: 1, ...result, ms: Math.round(performance.now() - started) };
  }
  const full = options.full || state.swept !== today;
  const top = Number((await sql.get<{ seq: number | null }>('SELECT max(seq) AS seq FROM events'))?.seq ?? 0);

  // What changed, by workspace: null = everything.
  const changed = new Map<string, { users: Set<string>; accounts: Set<string> } | null>();
  const touch = (ws: string) => {
    if (!changed.has(ws)) changed.set(ws, { users: new Set(), accounts: new Set() });
    return changed.get(ws);
  };
  if (full) {
    for (const { id } of await sql.all<{ id: string }>('SELECT id FROM workspaces')) changed.set(id, null);
  } else {
    const from = store.dialect === 'postgres' ? Math.max(0, Number(state.seq) - LATE_COMMIT_MARGIN) : Number(state.seq);
    const rows = await sql.all<{ ws: string; u: string | null; a: string | null }>(
      'SELECT DISTINCT workspace_id AS ws, user_id AS u, account_id AS a FROM events WHERE seq > ? AND seq <= ?',
      [from, top],
    );
    for (const r of rows) {
      const c = touch(r.ws)!;
      if (r.u) c.users.add(r.u);
      if (r.a) c.accounts.add(r.a);
    }
  }
  const dirty = await sql.all<{ ws: string; kind: string; id: string }>('SELECT workspace_id AS ws, kind, subject_id AS id FROM analytics_dirty');
  for (const d of dirty) {
    const c = changed.has(d.ws) ? changed.get(d.ws) : touch(d.ws);
    if (c) (d.kind === 'user' ? c.users : c.accounts).add(d.id);
  }

  const summary: RefreshSummary = { workspaces: 0, users: 0, accounts: 0, alertsRaised: 0, certificationsAwarded: 0, ms: 0 };
  for (const [ws, subjects] of changed) {
    const result = await refreshWorkspace(store, ws, subjects, today, nowIso, options);
    summary.workspaces++;
    summary.users += result.users;
    summary.accounts += result.accounts;
    summary.alertsRaised += result.alertsRaised;
    summary.certificationsAwarded += result.certificationsAwarded;
  }
  // Once a day, with the sweep of sliding windows: events past their workspace's retention go.
  if (state.swept !== today) summary.eventsDropped = await sweepExpiredEvents(sql, now);
  const clearDirty: Statement[] = dirty.map((d) => ['DELETE FROM analytics_dirty WHERE workspace_id = ? AND kind = ? AND subject_id = ?', [d.ws, d.kind, d.id]]);
  await sql.batch([
    ...clearDirty,
    ['UPDATE analytics_state SET event_seq = ?, swept_day = ? WHERE id = 1', [Math.max(top, Number(state.seq)), full ? today : state.swept]],
  ]);
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

const NO_COUNTS: Counts = { users: 0, accounts: 0, alertsRaised: 0, certificationsAwarded: 0 };

async function refreshWorkspace(
  store: Store,
  ws: string,
  subjects: { users: Set<string>; accounts: Set<string> } | null,
  today: string,
  now: string,
  options: RefreshOptions,
): Promise<Counts> {
  const { sql } = store;
  const defs = await loadDefinitions(store, ws);
  let counts = NO_COUNTS;
  if (subjects) {
    const evaluated = await evaluateWorkspace(store, ws, subjects, today, defs);
    if (evaluated) {
      const writer = new MetricsWriter(sql, ws, defs, today, now, options.emit);
      for (const m of evaluated.userMetrics.values()) await writer.user(m);
      await writer.accounts(evaluated.accountMetrics);
      counts = await writer.done();
    }
  } else {
    counts = await refreshAll(sql, ws, defs, today, now, options);
  }
  await sql.batch(await campaignAlerts(store, ws, new Evaluator(defs, today), now, options.emit));
  return counts;
}

/** Everything, evaluated slice by slice and stored as each slice comes. */
async function refreshAll(sql: SqlDb, ws: string, defs: Definitions, today: string, now: string, options: RefreshOptions): Promise<Counts> {
  const writer = new MetricsWriter(sql, ws, defs, today, now, options.emit);
  const counted = await sql.get<{ n: number }>(
    'SELECT (SELECT count(*) FROM users WHERE workspace_id = ?) + (SELECT count(*) FROM accounts WHERE workspace_id = ?) AS n',
    [ws, ws],
  );
  const total = Number(counted?.n ?? 0);
  for await (const slice of evaluateAll(sql, ws, defs, today)) {
    if ('users' in slice) for (const m of slice.users) await writer.user(m);
    else await writer.accounts(slice.accounts, slice.scope);
    options.onProgress?.(writer.written, total);
  }
  return writer.done();
}

/**
 * "A message anchor failing repeatedly": anchor_missing events per campaign in the rule's window.
 * A rule that says so also pauses the campaign when it raises the alert.
 */
async function campaignAlerts(store: Store, ws: string, evaluator: Evaluator, now: string, emit: Emit | undefined): Promise<Statement[]> {
  const { sql } = store;
  const out: Statement[] = [];
  for (const rule of evaluator.defs.alertRules) {
    if (!rule.enabled || rule.condition.type !== 'anchor_failing') continue;
    const since = new Date(Date.parse(now) - rule.condition.withinHours * 3_600_000).toISOString();
    const rows = await sql.all<{ properties: string | Record<string, unknown> }>(
      `SELECT properties FROM events WHERE workspace_id = ? AND name = 'anchor_missing' AND timestamp >= ?`,
      [ws, since],
    );
    const counts = new Map<string, { n: number; selector: string }>();
    for (const r of rows) {
      const p = fromJson<Record<string, unknown>>(r.properties);
      const id = typeof p['campaignId'] === 'string' ? p['campaignId'] : null;
      if (!id) continue;
      const c = counts.get(id) ?? { n: 0, selector: String(p['selector'] ?? '') };
      c.n++;
      counts.set(id, c);
    }
    for (const [campaignId, { n, selector }] of counts) {
      if (n < rule.condition.count) continue;
      const open = await sql.get<{ id: string }>(
        `SELECT id FROM alerts WHERE workspace_id = ? AND subject_kind = 'campaign' AND subject_id = ? AND finding = ? AND status <> 'resolved'`,
        [ws, campaignId, rule.key],
      );
      if (open) continue;
      const paused = rule.condition.pause && (await pauseCampaign(store, ws, campaignId, rule.key));
      const message = `anchor ${selector} missing ${n} times in ${rule.condition.withinHours} h${paused ? '; campaign paused' : ''}`;
      const name = (await store.getCampaign(ws, campaignId))?.name ?? campaignId;
      out.push(...raiseAlert(ws, { kind: 'campaign', id: campaignId, name }, { rule: rule.key, message, details: { selector, count: n, paused } }, now, emit));
    }
  }
  return out;
}

/** Pauses a live campaign as a new version saved by the alert rule; false if it was not live (or changed meanwhile). */
async function pauseCampaign(store: Store, ws: string, id: string, ruleKey: string): Promise<boolean> {
  const campaign = await store.getCampaign(ws, id);
  if (campaign?.status !== 'live') return false;
  const change = { author: `alert rule ${ruleKey}`, expectedVersion: campaign.version, change: 'paused' as const };
  return !!(await store.updateCampaign(ws, id, { ...inputOf(campaign), status: 'paused' }, change));
}


