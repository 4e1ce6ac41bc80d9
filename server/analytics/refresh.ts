// Keeps user and account metrics current. Incremental: only subjects with events since the last
// run (found through the event log's sequence) or marked dirty (a touch) are evaluated again;
// once a day, and on `uptake recompute`, everything is, since windows slide with the date.
import { randomUUID } from 'node:crypto';
import type { Statement, SqlDb } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { accountAlerts, type AlertFinding, findingKey } from './alerts.ts';
import { loadDefinitions } from './definitions.ts';
import { type AccountMetrics, type Definitions, Evaluator, type UserMetrics } from './evaluate.ts';
import { type AccountFactsWithoutUsage, byIds, loadAccounts, loadAwards, loadUsage, loadUsers, type Scope } from './facts.ts';
import { dayOf, type SubjectUsage } from './usage.ts';

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

/** What an account's evaluation needs to know about each of its users. */
interface MemberInfo {
  stageIndex: number;
  journey: string;
  usage: SubjectUsage | undefined;
}

const checklistsOf = (defs: Definitions) =>
  [...new Set(defs.programs.flatMap((p) => p.levels.flatMap((l) => l.requirements.flatMap((r) => ('checklist' in r ? [r.checklist] : [])))))];

/** Evaluates users; `traitsOf` gives the traits of their accounts, which pick each one's journey. */
async function evaluateUsers(sql: SqlDb, ws: string, scope: Scope, evaluator: Evaluator, traitsOf: (ids: string[]) => Promise<Map<string, Record<string, unknown>>>) {
  const users = await loadUsers(sql, ws, scope);
  const traits = await traitsOf([...new Set([...users.values()].flatMap((u) => (u.accountId ? [u.accountId] : [])))]);
  const [usage, awards] = await Promise.all([
    loadUsage(sql, ws, 'user', evaluator.windows, evaluator.today, scope),
    loadAwards(sql, ws, scope, checklistsOf(evaluator.defs)),
  ]);
  const metrics = new Map<string, UserMetrics>();
  for (const user of users.values()) {
    const facts = { ...user, usage: usage.get(user.id), awarded: awards.awarded.get(user.id) ?? NONE_AWARDED, completedChecklists: awards.completed.get(user.id) ?? NONE_COMPLETED };
    metrics.set(user.id, evaluator.user(facts, (user.accountId && traits.get(user.accountId)) || {}));
  }
  return { metrics, usage };
}

async function evaluateAccounts(sql: SqlDb, ws: string, accounts: Map<string, AccountFactsWithoutUsage>, scope: Scope, evaluator: Evaluator, members: ReadonlyMap<string, MemberInfo>) {
  const usage = await loadUsage(sql, ws, 'account', evaluator.windows, evaluator.today, scope);
  const out = new Map<string, { traits: Record<string, unknown>; metrics: AccountMetrics }>();
  for (const account of accounts.values()) out.set(account.id, { traits: account.traits, metrics: evaluator.account({ ...account, usage: usage.get(account.id) }, members) });
  return out;
}

/**
 * Evaluates the given subjects (null = the whole workspace, in memory) without writing anything:
 * the incremental refresher stores the result, and definition previews show it before a save.
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
    const ofUsers = await byIds<{ a: string }>(sql, (filter) => `SELECT account_id AS a FROM account_users WHERE workspace_id = ?${filter}`, [ws], [...subjects.users], 'user_id');
    for (const r of ofUsers) accounts.add(r.a);
    const users = new Set(subjects.users);
    const members = await byIds<{ u: string }>(sql, (filter) => `SELECT user_id AS u FROM account_users WHERE workspace_id = ?${filter}`, [ws], [...accounts], 'account_id');
    for (const r of members) users.add(r.u);
    accountIds = [...accounts];
    userIds = [...users];
    if (!accountIds.length && !userIds.length) return null;
  }

  const accounts = await loadAccounts(sql, ws, accountIds);
  // Users' primary accounts may lie outside the changed set; their traits pick the journey.
  const traitsOf = async (ids: string[]) => {
    const missing = ids.filter((id) => !accounts.has(id));
    const extra = missing.length ? await loadAccounts(sql, ws, missing) : new Map<string, AccountFactsWithoutUsage>();
    return new Map(ids.map((id) => [id, (accounts.get(id) ?? extra.get(id))?.traits ?? {}]));
  };
  const users = await evaluateUsers(sql, ws, userIds, evaluator, traitsOf);
  const members = new Map([...users.metrics].map(([id, m]) => [id, { stageIndex: m.stageIndex, journey: m.journey, usage: users.usage.get(id) }]));
  const accountMetrics = await evaluateAccounts(sql, ws, accounts, accountIds, evaluator, members);
  return { evaluator, accountIds, userMetrics: users.metrics, accountMetrics };
}

/** Slice sizes of a full recompute: memory stays bounded whatever the workspace's size. */
const USERS_PER_PASS = 5_000;
const ACCOUNTS_PER_PASS = 500;

/**
 * SQLite calls block the event loop, so a long recompute hands it back between slices and
 * batches: requests (decide, ingest) wait for one slice at most, not for the whole run.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

type Counts = Omit<RefreshSummary, 'workspaces' | 'ms'>;
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
      counts = await writer.done(evaluated.userMetrics.size, evaluated.accountMetrics.size);
    }
  } else {
    counts = await refreshAll(sql, ws, defs, today, now, options);
  }
  await sql.batch(await campaignAlerts(sql, ws, new Evaluator(defs, today), now, options.emit));
  return counts;
}

/**
 * Everything, in slices read as index ranges: all users first (keeping only what their accounts
 * need: stage, journey and, for the active-days utilization, their active days), then accounts.
 */
async function refreshAll(sql: SqlDb, ws: string, defs: Definitions, today: string, now: string, options: RefreshOptions): Promise<Counts> {
  const evaluator = new Evaluator(defs, today);
  const writer = new MetricsWriter(sql, ws, defs, today, now, options.emit);
  const traits = new Map<string, Record<string, unknown>>();
  await sql.each('SELECT account_id, traits FROM accounts WHERE workspace_id = ?', [ws], ([id, t]) => {
    traits.set(id as string, typeof t === 'string' ? JSON.parse(t) : (t as Record<string, unknown>));
  });
  const userIds = (await sql.all<{ id: string }>('SELECT user_id AS id FROM users WHERE workspace_id = ? ORDER BY user_id', [ws])).map((r) => r.id);
  const accountIds = [...traits.keys()].sort();
  const total = userIds.length + accountIds.length;
  const slices = (ids: string[], size: number) => {
    const out: { from: string; to: string | null }[] = [];
    for (let i = 0; i < ids.length; i += size) out.push({ from: ids[i]!, to: ids[i + size] ?? null });
    return out;
  };
  const utilization = defs.measures.utilization;
  const members = new Map<string, MemberInfo>();
  let done = 0;
  for (const scope of slices(userIds, USERS_PER_PASS)) {
    await breathe();
    const users = await evaluateUsers(sql, ws, scope, evaluator, async () => traits);
    for (const m of users.metrics.values()) {
      await writer.user(m);
      const usage = users.usage.get(m.userId);
      members.set(m.userId, {
        stageIndex: m.stageIndex,
        journey: m.journey,
        // Keep only the window utilization reads, not every feature of every window.
        usage: utilization.type === 'active_days' && usage ? new Map([[utilization.withinDays, { features: new Map(), activeDays: usage.get(utilization.withinDays)?.activeDays ?? 0 }]]) : undefined,
      });
    }
    done += users.metrics.size;
    options.onProgress?.(done, total);
  }
  for (const scope of slices(accountIds, ACCOUNTS_PER_PASS)) {
    await breathe();
    const accounts = await loadAccounts(sql, ws, scope);
    const evaluated = await evaluateAccounts(sql, ws, accounts, scope, evaluator, members);
    await writer.accounts(evaluated, scope);
    done += evaluated.size;
    options.onProgress?.(done, total);
  }
  return writer.done(members.size, accountIds.length);
}

/** Turns metrics into rows (and alerts, awards, webhooks), written in batches as they come. */
class MetricsWriter {
  private statements: Statement[] = [];
  private alertsRaised = 0;
  private certificationsAwarded = 0;

  constructor(
    private readonly sql: SqlDb,
    private readonly ws: string,
    private readonly defs: Definitions,
    private readonly today: string,
    private readonly now: string,
    private readonly emit: Emit | undefined,
  ) {}

  private async flush(force = false) {
    if (!force && this.statements.length < 5_000) return;
    const batch = this.statements;
    this.statements = [];
    await this.sql.batch(batch);
    await breathe();
  }

  async user(m: UserMetrics) {
    const { ws, now } = this;
    this.statements.push([
      `INSERT INTO user_metrics (workspace_id, user_id, account_id, journey, stage, stage_index, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET account_id = excluded.account_id, journey = excluded.journey, stage = excluded.stage,
         stage_index = excluded.stage_index, body = excluded.body, updated_at = excluded.updated_at`,
      [ws, m.userId, m.accountId, m.journey, m.stage, m.stageIndex, JSON.stringify({ keyFeaturesUsed: m.keyFeaturesUsed, certifications: m.certifications }), now],
    ]);
    for (const award of m.awards) {
      this.certificationsAwarded++;
      this.statements.push(
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
        ...(this.emit?.(ws, 'certification.awarded', { userId: m.userId, accountId: m.accountId, ...award }, now) ?? []),
      );
    }
    await this.flush();
  }

  /** Writes evaluated accounts; alerts compare with the previous evaluation of each. */
  async accounts(evaluated: Map<string, { traits: Record<string, unknown>; metrics: AccountMetrics }>, scope: Scope = [...evaluated.keys()]) {
    const { ws, now, today } = this;
    const rows = await byIds<{ id: string; journey: string; stage: string; stage_index: number; findings: string }>(
      this.sql,
      (filter) => `SELECT account_id AS id, journey, stage, stage_index, findings FROM account_metrics WHERE workspace_id = ?${filter}`,
      [ws],
      scope,
      'account_id',
    );
    const previous = new Map(rows.map((r) => [r.id, r]));
    for (const [accountId, { traits, metrics }] of evaluated) {
      const before = previous.get(accountId);
      const findings = accountAlerts(
        this.defs.alertRules,
        metrics,
        before ? ({ journey: before.journey, stage: before.stage, stageIndex: Number(before.stage_index) } as AccountMetrics) : null,
      );
      const had = new Set<string>(before ? JSON.parse(before.findings) : []);
      const has = new Set(findings.map(findingKey));
      for (const finding of findings) {
        if (had.has(findingKey(finding))) continue;
        this.alertsRaised++;
        this.statements.push(...raiseAlert(ws, 'account', accountId, finding, now, this.emit));
      }
      for (const key of had) {
        if (has.has(key)) continue;
        this.statements.push([
          `UPDATE alerts SET status = 'resolved', updated_at = ?, updated_by = 'system' WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? AND finding = ? AND status <> 'resolved'`,
          [now, ws, accountId, key],
        ]);
      }
      const name = typeof traits['name'] === 'string' ? (traits['name'] as string) : accountId;
      this.statements.push(
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
            ws, accountId, name, metrics.journey, metrics.stage, metrics.stageIndex, metrics.health.score, metrics.health.colour, metrics.deploymentRate,
            metrics.utilizationRate, metrics.activeUsers30d, metrics.seatTier, metrics.tenureTier, metrics.lastTouchAt, metrics.contact, metrics.lastActiveAt,
            JSON.stringify(metrics), JSON.stringify([...has]), now,
          ],
        ],
        [
          `INSERT INTO account_snapshots (workspace_id, account_id, day, stage, health_score, health_colour, health_version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, account_id, day) DO UPDATE SET stage = excluded.stage, health_score = excluded.health_score,
             health_colour = excluded.health_colour, health_version = excluded.health_version, body = excluded.body`,
          [
            ws, accountId, today, metrics.stage, metrics.health.score, metrics.health.colour, metrics.healthVersion,
            JSON.stringify({ components: metrics.health.components, seatTier: metrics.seatTier, tenureTier: metrics.tenureTier, deploymentRate: metrics.deploymentRate, utilizationRate: metrics.utilizationRate }),
          ],
        ],
      );
      await this.flush();
    }
  }

  async done(users: number, accounts: number): Promise<Counts> {
    await this.flush(true);
    return { users, accounts, alertsRaised: this.alertsRaised, certificationsAwarded: this.certificationsAwarded };
  }
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


