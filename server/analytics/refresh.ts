// Keeps user and account metrics current. Incremental: only subjects with events since the last
// run (found through the event log's sequence) or marked dirty (a touch) are evaluated again;
// once a day, and on `uptake recompute`, everything is, since windows slide with the date.
import { randomUUID } from 'node:crypto';
import type { Statement, SqlDb } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { accountAlerts, type AlertFinding, findingKey } from './alerts.ts';
import { loadDefinitions } from './definitions.ts';
import { type AccountMetrics, type Definitions, Evaluator, type UserMetrics } from './evaluate.ts';
import { loadAwards, loadSubjects, loadUsage } from './facts.ts';
import { dayOf } from './usage.ts';

/** Hook for side effects of new alerts and awards in the same transaction (webhooks). */
export type Emit = (workspaceId: string, type: 'alert.raised' | 'alert.resolved' | 'certification.awarded', data: Record<string, unknown>, now: string) => Statement[];

export interface RefreshOptions {
  now?: Date;
  /** Evaluate every subject, not only changed ones. */
  full?: boolean;
  /** With `full`: only this workspace (after its definitions changed); others wait for their turn. */
  workspaceId?: string;
  emit?: Emit;
  onProgress?: (done: number, total: number) => void;
}

export interface RefreshSummary {
  workspaces: number;
  users: number;
  accounts: number;
  alertsRaised: number;
  certificationsAwarded: number;
  ms: number;
}

const NONE_AWARDED: ReadonlyMap<string, number> = new Map();
const NONE_COMPLETED: ReadonlySet<string> = new Set();

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
  const clearDirty: Statement[] = dirty.map((d) => ['DELETE FROM analytics_dirty WHERE workspace_id = ? AND kind = ? AND subject_id = ?', [d.ws, d.kind, d.id]]);
  await sql.batch([
    ...clearDirty,
    ['UPDATE analytics_state SET event_seq = ?, swept_day = ? WHERE id = 1', [Math.max(top, Number(state.seq)), full ? today : state.swept]],
  ]);
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

/**
 * Evaluates the given subjects (null = the whole workspace) without writing anything: the
 * refresher stores the result, and definition previews show it before a change is saved.
 */
export async function evaluateWorkspace(store: Store, ws: string, subjects: { users: Set<string>; accounts: Set<string> } | null, today: string, defs?: Definitions) {
  const { sql } = store;
  const evaluator = new Evaluator(defs ?? (await loadDefinitions(store, ws)), today);

  // An account's evaluation counts its users, and a user's journey follows their account: so a
  // changed user brings their accounts, and a changed account brings all its users.
  let accountIds: string[] | null = null;
  let userIds: string[] | null = null;
  if (subjects) {
    const accounts = new Set(subjects.accounts);
    for (const ids of chunks([...subjects.users])) {
      const rows = await sql.all<{ a: string }>(`SELECT DISTINCT account_id AS a FROM account_users WHERE workspace_id = ? AND user_id IN (${ids.map(() => '?').join(', ')})`, [ws, ...ids]);
      for (const r of rows) accounts.add(r.a);
    }
    const users = new Set(subjects.users);
    for (const ids of chunks([...accounts])) {
      const rows = await sql.all<{ u: string }>(`SELECT user_id AS u FROM account_users WHERE workspace_id = ? AND account_id IN (${ids.map(() => '?').join(', ')})`, [ws, ...ids]);
      for (const r of rows) users.add(r.u);
    }
    accountIds = [...accounts];
    userIds = [...users];
    if (!accountIds.length && !userIds.length) return null;
  }

  const facts = await loadSubjects(sql, ws, accountIds, userIds);
  // Users' primary accounts may lie outside the changed set; their traits pick the journey.
  const missing = [...new Set([...facts.users.values()].map((u) => u.accountId).filter((a): a is string => !!a && !facts.accounts.has(a)))];
  const extra = missing.length ? (await loadSubjects(sql, ws, missing, [])).accounts : new Map();
  const checklists = [...new Set(evaluator.defs.programs.flatMap((p) => p.levels.flatMap((l) => l.requirements.flatMap((r) => ('checklist' in r ? [r.checklist] : [])))))];
  const [userUsage, accountUsage, awards] = await Promise.all([
    loadUsage(sql, ws, 'user', evaluator.windows, today, userIds),
    loadUsage(sql, ws, 'account', evaluator.windows, today, accountIds),
    loadAwards(sql, ws, userIds, checklists),
  ]);

  const userMetrics = new Map<string, UserMetrics>();
  for (const user of facts.users.values()) {
    const account = user.accountId ? (facts.accounts.get(user.accountId) ?? extra.get(user.accountId)) : undefined;
    userMetrics.set(
      user.id,
      evaluator.user(
        { ...user, usage: userUsage.get(user.id), awarded: awards.awarded.get(user.id) ?? NONE_AWARDED, completedChecklists: awards.completed.get(user.id) ?? NONE_COMPLETED },
        account?.traits ?? {},
      ),
    );
  }
  const members = new Map([...userMetrics].map(([id, m]) => [id, { stageIndex: m.stageIndex, journey: m.journey, usage: userUsage.get(id) }]));
  const accountMetrics = new Map<string, { traits: Record<string, unknown>; metrics: AccountMetrics }>();
  for (const account of facts.accounts.values()) {
    accountMetrics.set(account.id, { traits: account.traits, metrics: evaluator.account({ ...account, usage: accountUsage.get(account.id) }, members) });
  }
  return { evaluator, accountIds, userMetrics, accountMetrics };
}

/** Accounts per pass of a full recompute: memory stays bounded whatever the workspace's size. */
const ACCOUNTS_PER_PASS = 5_000;

type Counts = Omit<RefreshSummary, 'workspaces' | 'ms'>;
const addCounts = (a: Counts, b: Counts): Counts => ({
  users: a.users + b.users,
  accounts: a.accounts + b.accounts,
  alertsRaised: a.alertsRaised + b.alertsRaised,
  certificationsAwarded: a.certificationsAwarded + b.certificationsAwarded,
});

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
  let counts: Counts = { users: 0, accounts: 0, alertsRaised: 0, certificationsAwarded: 0 };
  if (subjects) counts = await refreshSubjects(store, ws, subjects, defs, today, now, options);
  else {
    // Everything, a slice of accounts (with all their users) at a time, then users without an account.
    const accounts = (await sql.all<{ id: string }>('SELECT account_id AS id FROM accounts WHERE workspace_id = ? ORDER BY account_id', [ws])).map((r) => r.id);
    for (let i = 0; i < accounts.length; i += ACCOUNTS_PER_PASS) {
      const slice = { users: new Set<string>(), accounts: new Set(accounts.slice(i, i + ACCOUNTS_PER_PASS)) };
      counts = addCounts(counts, await refreshSubjects(store, ws, slice, defs, today, now, { ...options, onProgress: undefined }));
      options.onProgress?.(Math.min(i + ACCOUNTS_PER_PASS, accounts.length), accounts.length);
    }
    const loners = (await sql.all<{ id: string }>(
      `SELECT user_id AS id FROM users u WHERE workspace_id = ?
       AND NOT EXISTS (SELECT 1 FROM account_users m WHERE m.workspace_id = u.workspace_id AND m.user_id = u.user_id)`,
      [ws],
    )).map((r) => r.id);
    for (let i = 0; i < loners.length; i += ACCOUNTS_PER_PASS * 10) {
      const slice = { users: new Set(loners.slice(i, i + ACCOUNTS_PER_PASS * 10)), accounts: new Set<string>() };
      counts = addCounts(counts, await refreshSubjects(store, ws, slice, defs, today, now, { ...options, onProgress: undefined }));
    }
  }
  await sql.batch(await campaignAlerts(sql, ws, new Evaluator(defs, today), now, options.emit));
  return counts;
}

async function refreshSubjects(
  store: Store,
  ws: string,
  subjects: { users: Set<string>; accounts: Set<string> },
  defs: Definitions,
  today: string,
  now: string,
  options: RefreshOptions,
): Promise<Counts> {
  const { sql } = store;
  const evaluated = await evaluateWorkspace(store, ws, subjects, today, defs);
  if (!evaluated) return { users: 0, accounts: 0, alertsRaised: 0, certificationsAwarded: 0 };
  const { accountIds, userMetrics, accountMetrics } = evaluated;

  const previous = new Map<string, { journey: string; stage: string; stage_index: number; findings: string }>();
  for (const ids of accountIds ? chunks(accountIds) : [null]) {
    const rows = await sql.all<{ id: string; journey: string; stage: string; stage_index: number; findings: string }>(
      `SELECT account_id AS id, journey, stage, stage_index, findings FROM account_metrics WHERE workspace_id = ?${ids ? ` AND account_id IN (${ids.map(() => '?').join(', ')})` : ''}`,
      ids ? [ws, ...ids] : [ws],
    );
    for (const r of rows) previous.set(r.id, r);
  }

  // Written in chunks as they are built, so a large workspace never holds every statement at once.
  let statements: Statement[] = [];
  let written = 0;
  const total = userMetrics.size + accountMetrics.size;
  const flush = async (at: number, force = false) => {
    if (!force && statements.length < 10_000) return;
    await sql.batch(statements);
    statements = [];
    written = at;
    options.onProgress?.(written, total);
  };
  let alertsRaised = 0;
  let certificationsAwarded = 0;
  let done = 0;
  for (const m of userMetrics.values()) {
    await flush(done++);
    statements.push([
      `INSERT INTO user_metrics (workspace_id, user_id, account_id, journey, stage, stage_index, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET account_id = excluded.account_id, journey = excluded.journey, stage = excluded.stage,
         stage_index = excluded.stage_index, body = excluded.body, updated_at = excluded.updated_at`,
      [ws, m.userId, m.accountId, m.journey, m.stage, m.stageIndex, JSON.stringify({ keyFeaturesUsed: m.keyFeaturesUsed, certifications: m.certifications }), now],
    ]);
    for (const award of m.awards) {
      certificationsAwarded++;
      statements.push(
        [
          `INSERT INTO certifications (workspace_id, user_id, program, level, name, account_id, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, user_id, program, level) DO NOTHING`,
          [ws, m.userId, award.program, award.level, award.name, m.accountId, now],
        ],
        // Recorded as an event too, so it shows in timelines and can be a campaign goal.
        [
          `INSERT INTO events (workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at)
           VALUES (?, ?, 'track', ?, NULL, ?, 'certification_awarded', ?, '{}', '{}', ?, ?) ON CONFLICT (workspace_id, message_id) DO NOTHING`,
          [ws, `certification:${award.program}:${award.level}:${m.userId}`, m.userId, m.accountId, JSON.stringify({ program: award.program, level: award.level, name: award.name }), now, now],
        ],
        ...(options.emit?.(ws, 'certification.awarded', { userId: m.userId, accountId: m.accountId, ...award }, now) ?? []),
      );
    }
  }

  for (const [accountId, { traits, metrics }] of accountMetrics) {
    await flush(done++);
    const account = { id: accountId, traits };
    const before = previous.get(account.id);
    const findings = accountAlerts(
      defs.alertRules,
      metrics,
      before ? ({ journey: before.journey, stage: before.stage, stageIndex: Number(before.stage_index) } as AccountMetrics) : null,
    );
    const had = new Set<string>(before ? JSON.parse(before.findings) : []);
    const has = new Set(findings.map(findingKey));
    for (const finding of findings) {
      if (had.has(findingKey(finding))) continue;
      alertsRaised++;
      statements.push(...raiseAlert(ws, 'account', account.id, finding, now, options.emit));
    }
    for (const key of had) {
      if (has.has(key)) continue;
      statements.push([
        `UPDATE alerts SET status = 'resolved', updated_at = ?, updated_by = 'system' WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? AND finding = ? AND status <> 'resolved'`,
        [now, ws, account.id, key],
      ]);
    }
    const name = typeof account.traits['name'] === 'string' ? (account.traits['name'] as string) : account.id;
    statements.push(
      [
        `INSERT INTO account_metrics (workspace_id, account_id, name, journey, stage, stage_index, health_score, health_colour, deployment_rate, utilization_rate,
           active_users, seat_tier, tenure_tier, last_touch_at, contact, last_active_at, body, findings, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, account_id) DO UPDATE SET name = excluded.name, journey = excluded.journey, stage = excluded.stage,
           stage_index = excluded.stage_index, health_score = excluded.health_score, health_colour = excluded.health_colour,
           deployment_rate = excluded.deployment_rate, utilization_rate = excluded.utilization_rate, active_users = excluded.active_users,
           seat_tier = excluded.seat_tier, tenure_tier = excluded.tenure_tier, last_touch_at = excluded.last_touch_at, contact = excluded.contact,
           last_active_at = excluded.last_active_at, body = excluded.body, findings = excluded.findings, updated_at = excluded.updated_at`,
        [
          ws, account.id, name, metrics.journey, metrics.stage, metrics.stageIndex, metrics.health.score, metrics.health.colour, metrics.deploymentRate,
          metrics.utilizationRate, metrics.activeUsers30d, metrics.seatTier, metrics.tenureTier, metrics.lastTouchAt, metrics.contact, metrics.lastActiveAt,
          JSON.stringify(metrics), JSON.stringify([...has]), now,
        ],
      ],
      [
        `INSERT INTO account_snapshots (workspace_id, account_id, day, stage, health_score, health_colour, health_version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, account_id, day) DO UPDATE SET stage = excluded.stage, health_score = excluded.health_score,
           health_colour = excluded.health_colour, health_version = excluded.health_version, body = excluded.body`,
        [
          ws, account.id, today, metrics.stage, metrics.health.score, metrics.health.colour, metrics.healthVersion,
          JSON.stringify({ components: metrics.health.components, seatTier: metrics.seatTier, tenureTier: metrics.tenureTier, deploymentRate: metrics.deploymentRate, utilizationRate: metrics.utilizationRate }),
        ],
      ],
    );
  }
  await flush(total, true);
  return { users: userMetrics.size, accounts: accountMetrics.size, alertsRaised, certificationsAwarded };
}

function raiseAlert(ws: string, kind: 'account' | 'campaign', subject: string, finding: AlertFinding, now: string, emit: Emit | undefined): Statement[] {
  const id = randomUUID();
  const key = findingKey(finding);
  return [
    [
      `INSERT INTO alerts (workspace_id, id, rule, finding, subject_kind, subject_id, message, details, status, raised_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
       ON CONFLICT (workspace_id, subject_kind, subject_id, finding) WHERE status <> 'resolved' DO NOTHING`,
      [ws, id, finding.rule, key, kind, subject, finding.message, JSON.stringify(finding.details), now, now],
    ],
    ...(emit?.(ws, 'alert.raised', { id, rule: finding.rule, subjectKind: kind, subjectId: subject, message: finding.message, details: finding.details }, now) ?? []),
  ];
}

/** "A message anchor failing repeatedly": anchor_missing events per campaign in the rule's window. */
async function campaignAlerts(sql: SqlDb, ws: string, evaluator: Evaluator, now: string, emit: Emit | undefined): Promise<Statement[]> {
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
      const p = typeof r.properties === 'string' ? JSON.parse(r.properties) : r.properties;
      const id = typeof p['campaignId'] === 'string' ? p['campaignId'] : null;
      if (!id) continue;
      const c = counts.get(id) ?? { n: 0, selector: String(p['selector'] ?? '') };
      c.n++;
      counts.set(id, c);
    }
    for (const [campaignId, { n, selector }] of counts) {
      if (n < rule.condition.count) continue;
      const finding = { rule: rule.key, message: `anchor ${selector} missing ${n} times in ${rule.condition.withinHours} h`, details: { selector, count: n } };
      const open = await sql.get<{ id: string }>(
        `SELECT id FROM alerts WHERE workspace_id = ? AND subject_kind = 'campaign' AND subject_id = ? AND finding = ? AND status <> 'resolved'`,
        [ws, campaignId, rule.key],
      );
      if (!open) out.push(...raiseAlert(ws, 'campaign', campaignId, finding, now, emit));
    }
  }
  return out;
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
