// Loads what evaluation needs from the counters ingest keeps: memberships, traits, per-window
// feature use, touches, awards. Portable SQL; `ids` restricts to some subjects (incremental
// refresh), null loads the whole workspace (recompute).
import type { SqlDb } from '../store/sql.ts';
import type { AccountFacts, UserFacts } from './evaluate.ts';
import type { SubjectUsage, WindowUsage } from './usage.ts';
import { windowStart } from './usage.ts';

const CHUNK = 500;

/** Runs a query once per chunk of ids (or once with no filter) and concatenates the rows. */
async function byIds<T>(sql: SqlDb, query: (filter: string) => string, params: unknown[], ids: readonly string[] | null, column: string): Promise<T[]> {
  if (ids === null) return sql.all<T>(query(''), params);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    out.push(...(await sql.all<T>(query(` AND ${column} IN (${chunk.map(() => '?').join(', ')})`), [...params, ...chunk])));
  }
  return out;
}

function usageOf(map: Map<string, SubjectUsage>, subject: string, window: number): WindowUsage {
  let usage = map.get(subject);
  if (!usage) map.set(subject, (usage = new Map()));
  let w = usage.get(window);
  if (!w) usage.set(window, (w = { features: new Map(), activeDays: 0 }));
  return w;
}

/** Feature use per subject for every window (0 = ever), as of the end of `today`. */
export async function loadUsage(sql: SqlDb, ws: string, kind: 'user' | 'account', windows: readonly number[], today: string, ids: readonly string[] | null) {
  const out = new Map<string, SubjectUsage>();
  // Ever: aggregated in the database, one row per subject and feature.
  const ever = await byIds<{ s: string; f: string; days: number; uses: number; last: string }>(
    sql,
    (filter) => `SELECT subject_id AS s, feature_key AS f, count(*) AS days, sum(count) AS uses, max(day) AS last FROM feature_days
                 WHERE workspace_id = ? AND subject_kind = ? AND day <= ?${filter} GROUP BY subject_id, feature_key`,
    [ws, kind, today],
    ids,
    'subject_id',
  );
  for (const r of ever) usageOf(out, r.s, 0).features.set(r.f, { days: Number(r.days), count: Number(r.uses), lastDay: r.last });

  // Recent windows: the days inside the widest one, folded into each window here.
  const finite = windows.filter((w) => w > 0).sort((a, b) => b - a);
  if (!finite.length) return out;
  const starts = finite.map((w) => [w, windowStart(today, w)] as const);
  const days = await byIds<{ s: string; f: string; d: string; n: number }>(
    sql,
    (filter) => `SELECT subject_id AS s, feature_key AS f, day AS d, count AS n FROM feature_days
                 WHERE workspace_id = ? AND subject_kind = ? AND day >= ? AND day <= ?${filter}`,
    [ws, kind, starts[0]![1], today],
    ids,
    'subject_id',
  );
  const activeDays = new Map<string, Set<string>>();
  for (const r of days) {
    for (const [w, start] of starts) {
      if (r.d < start) break; // windows are widest first
      const usage = usageOf(out, r.s, w);
      const use = usage.features.get(r.f);
      if (!use) usage.features.set(r.f, { days: 1, count: Number(r.n), lastDay: r.d });
      else {
        use.days++;
        use.count += Number(r.n);
        if (r.d > use.lastDay) use.lastDay = r.d;
      }
      const key = `${w}\u0000${r.s}`;
      let set = activeDays.get(key);
      if (!set) activeDays.set(key, (set = new Set()));
      set.add(r.d);
    }
  }
  for (const [key, set] of activeDays) {
    const [w, s] = key.split('\u0000') as [string, string];
    usageOf(out, s, Number(w)).activeDays = set.size;
  }
  return out;
}

export interface WorkspaceFacts {
  accounts: Map<string, Omit<AccountFacts, 'usage'>>;
  users: Map<string, Omit<UserFacts, 'usage' | 'awarded' | 'completedChecklists'>>;
}

/** Accounts (with members and last touch) and users; `accountIds`/`userIds` null = all. */
export async function loadSubjects(sql: SqlDb, ws: string, accountIds: readonly string[] | null, userIds: readonly string[] | null): Promise<WorkspaceFacts> {
  const accounts = new Map<string, Omit<AccountFacts, 'usage'>>();
  const accountRows = await byIds<{ id: string; traits: string | object; first: string; last: string }>(
    sql,
    (filter) => `SELECT account_id AS id, traits, first_seen AS first, last_seen AS last FROM accounts WHERE workspace_id = ?${filter}`,
    [ws],
    accountIds,
    'account_id',
  );
  for (const r of accountRows) {
    accounts.set(r.id, { id: r.id, traits: typeof r.traits === 'string' ? JSON.parse(r.traits) : r.traits, firstSeen: r.first, lastSeen: r.last, members: [], lastTouch: null });
  }
  const members = await byIds<{ a: string; u: string; last: string }>(
    sql,
    (filter) => `SELECT account_id AS a, user_id AS u, last_seen AS last FROM account_users WHERE workspace_id = ?${filter}`,
    [ws],
    accountIds,
    'account_id',
  );
  for (const m of members) (accounts.get(m.a)?.members as { userId: string; lastSeen: string }[] | undefined)?.push({ userId: m.u, lastSeen: m.last });
  const touches = await byIds<{ a: string; at: string; channel: string }>(
    sql,
    (filter) => `SELECT t.account_id AS a, t.at, t.channel FROM touches t WHERE t.workspace_id = ?${filter}
                 AND t.at = (SELECT max(at) FROM touches WHERE workspace_id = t.workspace_id AND account_id = t.account_id)`,
    [ws],
    accountIds,
    't.account_id',
  );
  for (const t of touches) {
    const account = accounts.get(t.a);
    if (account) account.lastTouch = { at: t.at, channel: t.channel };
  }

  const users = new Map<string, Omit<UserFacts, 'usage' | 'awarded' | 'completedChecklists'>>();
  const userRows = await byIds<{ id: string; last: string }>(
    sql,
    (filter) => `SELECT user_id AS id, last_seen AS last FROM users WHERE workspace_id = ?${filter}`,
    [ws],
    userIds,
    'user_id',
  );
  for (const r of userRows) users.set(r.id, { id: r.id, lastSeen: r.last, accountId: null });
  // A user's account is the one they were most recently seen in (ties: the smallest id).
  const primary = await byIds<{ u: string; a: string; last: string }>(
    sql,
    (filter) => `SELECT user_id AS u, account_id AS a, last_seen AS last FROM account_users WHERE workspace_id = ?${filter}`,
    [ws],
    userIds,
    'user_id',
  );
  const best = new Map<string, { a: string; last: string }>();
  for (const p of primary) {
    const b = best.get(p.u);
    if (!b || p.last > b.last || (p.last === b.last && p.a < b.a)) best.set(p.u, p);
  }
  for (const [u, b] of best) {
    const user = users.get(u);
    if (user) user.accountId = b.a;
  }
  return { accounts, users };
}

/** Levels already awarded (lowest number = highest level per program) and finished checklists. */
export async function loadAwards(sql: SqlDb, ws: string, userIds: readonly string[] | null, checklists: readonly string[]) {
  const awarded = new Map<string, Map<string, number>>();
  const rows = await byIds<{ u: string; p: string; level: number }>(
    sql,
    (filter) => `SELECT user_id AS u, program AS p, min(level) AS level FROM certifications WHERE workspace_id = ?${filter} GROUP BY user_id, program`,
    [ws],
    userIds,
    'user_id',
  );
  for (const r of rows) {
    if (!awarded.has(r.u)) awarded.set(r.u, new Map());
    awarded.get(r.u)!.set(r.p, Number(r.level));
  }
  const completed = new Map<string, Set<string>>();
  if (checklists.length) {
    const done = await byIds<{ u: string; c: string }>(
      sql,
      (filter) => `SELECT visitor_id AS u, campaign_id AS c FROM message_states WHERE workspace_id = ? AND completed_at IS NOT NULL
                   AND campaign_id IN (${checklists.map(() => '?').join(', ')})${filter}`,
      [ws, ...checklists],
      userIds,
      'visitor_id',
    );
    for (const d of done) {
      if (!completed.has(d.u)) completed.set(d.u, new Set());
      completed.get(d.u)!.add(d.c);
    }
  }
  return { awarded, completed };
}
