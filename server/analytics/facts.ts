// Loads what evaluation needs from the counters ingest keeps: memberships, traits, per-window
// feature use, touches, awards. Portable SQL; `ids` restricts to some subjects (incremental
// refresh), null loads the whole workspace (recompute).
import { fromJson, jsonRows, jsonText, type SqlDb } from '../store/sql.ts';
import { SCORE_WINDOW_DAYS } from '../protocol/analytics.ts';
import type { LatestScore } from '../engine/profile.ts';
import type { AccountFacts, SurveyScore, UserFacts } from './evaluate.ts';
import type { SubjectUsage, WindowUsage } from './usage.ts';
import { windowStart } from './usage.ts';

const CHUNK = 500;

/**
 * Which subjects a query reads: a list of ids (incremental refresh), a range of ids (a slice of a
 * full recompute: read as an index range, no long IN lists), or null for all of them.
 */
export type Scope = readonly string[] | { from: string; to: string | null } | null;

const isRange = (scope: Scope): scope is { from: string; to: string | null } => scope !== null && !Array.isArray(scope);
const rangeFilter = (column: string, r: { from: string; to: string | null }): [string, string[]] =>
  r.to === null ? [` AND ${column} >= ?`, [r.from]] : [` AND ${column} >= ? AND ${column} < ?`, [r.from, r.to]];

/**
 * A table's ids as consecutive ranges of `size` (the last one open-ended), each found when it is
 * needed by stepping through the index: a recompute never holds the whole list of ids.
 */
export async function* rangesOf(sql: SqlDb, ws: string, table: 'users' | 'accounts', column: 'user_id' | 'account_id', size: number) {
  for (let from = ''; ; ) {
    const next = await sql.get<{ id: string }>(`SELECT ${column} AS id FROM ${table} WHERE workspace_id = ? AND ${column} >= ? ORDER BY ${column} LIMIT 1 OFFSET ?`, [ws, from, size]);
    const to = next?.id ?? null;
    yield { from, to };
    if (to === null) return;
    from = to;
  }
}

/** Runs a query once per chunk of ids (or once with no filter) and concatenates the rows. */
export async function byIds<T>(sql: SqlDb, query: (filter: string) => string, params: unknown[], ids: Scope, column: string): Promise<T[]> {
  if (ids === null) return sql.all<T>(query(''), params);
  if (isRange(ids)) {
    const [filter, values] = rangeFilter(column, ids);
    return sql.all<T>(query(filter), [...params, ...values]);
  }
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    out.push(...(await sql.all<T>(query(` AND ${column} IN (${chunk.map(() => '?').join(', ')})`), [...params, ...chunk])));
  }
  return out;
}

/** byIds for streamed array rows. */
async function eachById(sql: SqlDb, query: (filter: string) => string, params: unknown[], ids: Scope, column: string, visit: (row: unknown[]) => void) {
  if (ids === null) return sql.each(query(''), params, visit);
  if (isRange(ids)) {
    const [filter, values] = rangeFilter(column, ids);
    return sql.each(query(filter), [...params, ...values], visit);
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await sql.each(query(` AND ${column} IN (${chunk.map(() => '?').join(', ')})`), [...params, ...chunk], visit);
  }
}

function usageOf(map: Map<string, SubjectUsage>, subject: string, window: number): WindowUsage {
  let usage = map.get(subject);
  if (!usage) map.set(subject, (usage = new Map()));
  let w = usage.get(window);
  if (!w) usage.set(window, (w = { features: new Map(), activeDays: 0 }));
  return w;
}

/** Feature use per subject for every window (0 = ever), as of the end of `today`. */
export async function loadUsage(sql: SqlDb, ws: string, kind: 'user' | 'account', windows: readonly number[], today: string, ids: Scope) {
  const out = new Map<string, SubjectUsage>();
  // Ever: the totals ingest keeps per subject and feature (one row each, nothing to aggregate).
  await eachById(
    sql,
    (filter) => `SELECT subject_id, ${jsonRows(sql.dialect, ['feature_key', 'active_days', 'count', 'last_seen'])} FROM feature_usage
                 WHERE workspace_id = ? AND subject_kind = ? AND first_seen < ?${filter} GROUP BY subject_id`,
    [ws, kind, `${today}T99`],
    ids,
    'subject_id',
    ([s, uses]) => {
      const features = usageOf(out, s as string, 0).features;
      for (const [f, days, count, last] of fromJson<[string, number, number, string][]>(uses)) {
        features.set(f, { days: Number(days), count: Number(count), lastDay: last.slice(0, 10) });
      }
    },
  );
  // Windows: one pass over each subject's per-day counters inside the widest window, folded into
  // every window at once (per window: feature totals and the set of active days).
  const finite = [...new Set(windows.filter((x) => x > 0))].sort((a, b) => b - a);
  if (!finite.length) return out;
  const starts = finite.map((w) => windowStart(today, w));
  await eachById(
    sql,
    (filter) => `SELECT subject_id, ${jsonRows(sql.dialect, ['feature_key', 'day', 'count'])} FROM feature_days
                 WHERE workspace_id = ? AND subject_kind = ? AND day >= ? AND day <= ?${filter} GROUP BY subject_id`,
    [ws, kind, starts[0]!, today],
    ids,
    'subject_id',
    ([s, counters]) => {
      const current = finite.map((w) => usageOf(out, s as string, w));
      const days = finite.map(() => new Set<string>());
      for (const [f, d, n] of fromJson<[string, string, number][]>(counters)) {
        for (let i = 0; i < finite.length; i++) {
          if (d < starts[i]!) break; // windows are widest first
          const features = current[i]!.features;
          const use = features.get(f);
          if (!use) features.set(f, { days: 1, count: Number(n), lastDay: d });
          else {
            use.days++;
            use.count += Number(n);
            if (d > use.lastDay) use.lastDay = d;
          }
          days[i]!.add(d);
        }
      }
      current.forEach((usage, i) => (usage.activeDays = days[i]!.size));
    },
  );
  return out;
}

export type AccountFactsWithoutUsage = Omit<AccountFacts, 'usage'>;
export type UserFactsWithoutUsage = Omit<UserFacts, 'usage' | 'awarded' | 'completedChecklists' | 'score'>;

/** Accounts with their members, last CS touch and recent survey scores, as of the end of `today`. */
export async function loadAccounts(sql: SqlDb, ws: string, scope: Scope, today: string): Promise<Map<string, AccountFactsWithoutUsage>> {
  const accounts = new Map<string, AccountFactsWithoutUsage>();
  await eachById(sql, (filter) => `SELECT account_id, traits, first_seen, last_seen FROM accounts WHERE workspace_id = ?${filter}`, [ws], scope, 'account_id', ([id, traits, first, last]) => {
    accounts.set(id as string, { id: id as string, traits: fromJson(traits), firstSeen: first as string, lastSeen: last as string, members: [], lastTouch: null, scores: [] });
  });
  await eachById(
    sql,
    (filter) => `SELECT account_id, ${jsonRows(sql.dialect, ['user_id', 'last_seen'])} FROM account_users WHERE workspace_id = ?${filter} GROUP BY account_id`,
    [ws],
    scope,
    'account_id',
    ([a, members]) => {
      const account = accounts.get(a as string);
      if (account) account.members = fromJson<[string, string][]>(members).map(([userId, lastSeen]) => ({ userId, lastSeen }));
    },
  );
  // The latest touch as of the end of `today`: evaluating a past day must not see later touches.
  const endOfToday = new Date(Date.parse(`${today}T00:00:00.000Z`) + 86_400_000).toISOString();
  const touches = await byIds<{ a: string; at: string; channel: string }>(
    sql,
    (filter) => `SELECT t.account_id AS a, t.at, t.channel FROM touches t WHERE t.workspace_id = ?
                 AND t.at = (SELECT max(at) FROM touches WHERE workspace_id = t.workspace_id AND account_id = t.account_id AND at < ?)${filter}`,
    [ws, endOfToday],
    scope,
    't.account_id',
  );
  for (const t of touches) {
    const account = accounts.get(t.a);
    if (account) account.lastTouch = { at: t.at, channel: t.channel };
  }
  const scores = await byIds<Omit<SurveyScore, 'name'> & { a: string; name: unknown }>(
    sql,
    (filter) => `SELECT s.account_id AS a, s.visitor_id AS "visitorId", ${jsonText(sql.dialect, 'u.traits', 'name')} AS name,
                   s.campaign_id AS "campaignId", s.score, s.comment, s.answered_at AS "answeredAt"
                 FROM survey_answers s LEFT JOIN users u ON u.workspace_id = s.workspace_id AND u.user_id = s.visitor_id
                 WHERE s.workspace_id = ? AND s.score IS NOT NULL AND s.answered_at >= ? AND s.answered_at < ?${filter}
                 ORDER BY s.answered_at DESC, s.visitor_id`,
    [ws, windowStart(today, SCORE_WINDOW_DAYS), `${today}T99`],
    scope,
    's.account_id',
  );
  for (const { a, name, ...score } of scores) {
    const account = accounts.get(a);
    if (account) (account.scores as SurveyScore[]).push({ ...score, name: typeof name === 'string' && name.trim() ? name : null, score: Number(score.score) });
  }
  return accounts;
}

/** Users, each with the account they were most recently seen in (ties: the smallest id). */
export async function loadUsers(sql: SqlDb, ws: string, scope: Scope): Promise<Map<string, UserFactsWithoutUsage>> {
  const users = new Map<string, UserFactsWithoutUsage>();
  await eachById(
    sql,
    (filter) => `SELECT u.user_id, u.last_seen, (SELECT m.account_id FROM account_users m WHERE m.workspace_id = u.workspace_id AND m.user_id = u.user_id
                   ORDER BY m.last_seen DESC, m.account_id LIMIT 1) FROM users u WHERE u.workspace_id = ?${filter}`,
    [ws],
    scope,
    'u.user_id',
    ([id, last, account]) => {
      users.set(id as string, { id: id as string, lastSeen: last as string, accountId: (account as string | null) ?? null });
    },
  );
  return users;
}

/** Each user's latest survey score of the last SCORE_WINDOW_DAYS days, as of the end of `today`. */
export async function loadScores(sql: SqlDb, ws: string, userIds: Scope, today: string): Promise<Map<string, LatestScore>> {
  const latest = new Map<string, LatestScore>();
  const rows = await byIds<{ u: string; score: number; at: string }>(
    sql,
    (filter) => `SELECT visitor_id AS u, score, answered_at AS at FROM survey_answers
                 WHERE workspace_id = ? AND score IS NOT NULL AND answered_at >= ? AND answered_at < ?${filter}`,
    [ws, windowStart(today, SCORE_WINDOW_DAYS), `${today}T99`],
    userIds,
    'visitor_id',
  );
  for (const r of rows) {
    const seen = latest.get(r.u);
    if (!seen || r.at > seen.answeredAt) latest.set(r.u, { score: Number(r.score), answeredAt: r.at });
  }
  return latest;
}

/** Levels already awarded (lowest number = highest level per program) and finished checklists. */
export async function loadAwards(sql: SqlDb, ws: string, userIds: Scope, checklists: readonly string[]) {
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
