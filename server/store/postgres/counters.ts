// The counters an ingest transaction keeps beside the event rows — users, accounts, membership,
// feature use, message state, goals reached — each written with one set-based statement per batch, and the
// linking of an anonymous visitor to the user it turned out to be. The statements mirror the
// SQLite store's one for one.
import type pg from 'pg';
import type { Effects, FeatureUses } from '../fold-effects.ts';
import { linkMessageStates, lookBack, markGoals, reachGoals, writeMessageStates } from './message-states.ts';
import { prepared } from './transaction.ts';

/** Applies folded effects in the SQLite store's order: state first, so linking can move it; goals last, on the rows linking left. */
export async function applyEffects(tx: pg.PoolClient, ws: string, effects: Effects): Promise<void> {
  await writeMessageStates(tx, ws, effects);
  await markGoals(tx, ws, effects.marks);
  for (const part of counterParts(ws, effects)) await run(tx, part);
  const stripped = [...effects.users.values(), ...effects.accounts.values()].some(hasNulls);
  if (stripped) await stripNulls(tx, ws, effects);
  for (const { anonymousId, userId } of effects.links) await linkAnonymous(tx, ws, anonymousId, userId);
  await reachGoals(tx, ws, effects.goals);
  await lookBack(tx, ws, effects.lookbacks);
}

/**
 * Whether the batch's effects are only the counters (users, accounts, membership, feature use):
 * then they can be written by the same statement as the events, as CTEs of one INSERT.
 */
export function countersOnly(effects: Effects): boolean {
  const { states, answers, goals, marks, lookbacks, links, users, accounts } = effects;
  return !states.length && !answers.length && !goals.length && !marks.length && !lookbacks.length && !links.length && ![...users.values(), ...accounts.values()].some(hasNulls);
}

/** Numbered parameters shared by the parts of one statement. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** One counter's statement (adding its parameters to the caller's list), and the CTEs it reads from. */
export interface CounterPart {
  ctes?(params: Params): string[];
  statement(params: Params): string;
}

async function run(tx: pg.PoolClient, part: CounterPart): Promise<void> {
  const params = new Params();
  const ctes = part.ctes?.(params) ?? [];
  const text = part.statement(params);
  await tx.query(prepared(ctes.length ? `WITH ${ctes.join(', ')} ${text}` : text, params.values));
}

/** The counters' statements for a batch's effects, in the order applyEffects runs them. */
export function counterParts(ws: string, effects: Effects): CounterPart[] {
  const parts: CounterPart[] = [];
  if (effects.users.size) parts.push(upsertSubjects('users', ws, [...effects.users.values()]));
  if (effects.accounts.size) parts.push(upsertSubjects('accounts', ws, [...effects.accounts.values()]));
  if (effects.members.size) parts.push(upsertMembers(ws, [...effects.members.values()]));
  if (effects.uses.size) parts.push(countUses(ws, [...effects.uses.values()]));
  return parts;
}

// Rows go in key order so that concurrent batches lock the rows they share in the same order
// instead of deadlocking on each other.
const inKeyOrder = <T>(rows: T[], key: (row: T) => string[]): T[] =>
  rows.map((row) => ({ row, key: JSON.stringify(key(row)) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ row }) => row);

const SUBJECT_ID = { users: 'user_id', accounts: 'account_id' } as const;
type Seen = Effects['users'] extends Map<string, infer S> ? S : never;
const hasNulls = (subject: Seen) => JSON.stringify(subject.traits).includes('null');

// New traits merge over old ones (RFC 7396), so a partial identify keeps the rest. A new row
// takes the patch as it is, so nulls in it are stripped afterwards (a merge never leaves any).
function upsertSubjects(table: keyof typeof SUBJECT_ID, ws: string, subjects: Seen[]): CounterPart {
  const id = SUBJECT_ID[table];
  return {
    statement: (p) => `INSERT INTO ${table} AS s (workspace_id, ${id}, traits, first_seen, last_seen)
      SELECT ${p.add(ws)}, r.* FROM jsonb_to_recordset(${p.add(JSON.stringify(inKeyOrder(subjects, (s) => [s.id])))}::jsonb) AS r(id text, traits jsonb, first text, last text)
      ON CONFLICT (workspace_id, ${id}) DO UPDATE SET
        -- Most events carry no traits: skip the (PL/pgSQL) merge for them.
        traits = CASE WHEN excluded.traits = '{}'::jsonb THEN s.traits ELSE merge_patch(s.traits, excluded.traits) END,
        first_seen = least(s.first_seen, excluded.first_seen),
        last_seen = greatest(s.last_seen, excluded.last_seen)`,
  };
}

async function stripNulls(tx: pg.PoolClient, ws: string, effects: Effects) {
  for (const table of ['users', 'accounts'] as const) {
    const withNulls = [...effects[table].values()].filter(hasNulls).map((s) => s.id);
    if (withNulls.length) {
      await tx.query(`UPDATE ${table} SET traits = jsonb_strip_nulls(traits) WHERE workspace_id = $1 AND ${SUBJECT_ID[table]} = ANY($2::text[])`, [ws, withNulls]);
    }
  }
}

function upsertMembers(ws: string, members: { accountId: string; userId: string; last: string }[]): CounterPart {
  return {
    statement: (p) => `INSERT INTO account_users AS m (workspace_id, account_id, user_id, last_seen)
      SELECT ${p.add(ws)}, r.* FROM jsonb_to_recordset(${p.add(JSON.stringify(inKeyOrder(members, (m) => [m.accountId, m.userId])))}::jsonb) AS r("accountId" text, "userId" text, last text)
      ON CONFLICT (workspace_id, account_id, user_id) DO UPDATE SET last_seen = greatest(m.last_seen, excluded.last_seen)`,
  };
}

// A day counts toward active_days only when this transaction inserted it: of two concurrent
// batches using a feature on the same new day, exactly one counts it.
function countUses(ws: string, uses: FeatureUses[]): CounterPart {
  const ordered = inKeyOrder(uses, (u) => [u.kind, u.subject, u.feature]);
  const usage = ordered.map(({ kind, subject, feature, days }) => {
    const perDay = [...days.values()];
    return {
      kind, subject, feature,
      count: perDay.reduce((sum, day) => sum + day.count, 0),
      first: perDay.map((day) => day.first).reduce((a, b) => (b < a ? b : a)),
      last: perDay.map((day) => day.last).reduce((a, b) => (b > a ? b : a)),
    };
  });
  const days = ordered.flatMap(({ kind, subject, feature, days }) =>
    [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, use]) => ({ kind, subject, feature, day, count: use.count })),
  );
  return {
    ctes: (p) => [
      `new_days AS (
        INSERT INTO feature_days AS fd (workspace_id, subject_kind, subject_id, feature_key, day, count)
        SELECT ${p.add(ws)}, r.* FROM jsonb_to_recordset(${p.add(JSON.stringify(days))}::jsonb) AS r(kind text, subject text, feature text, day text, count bigint)
        ON CONFLICT (workspace_id, subject_kind, subject_id, feature_key, day) DO UPDATE SET count = fd.count + excluded.count
        -- xmax = 0 only on rows this statement inserted: those are the new days.
        RETURNING subject_kind, subject_id, feature_key, (xmax = 0) AS inserted
      )`,
      `day_counts AS (
        SELECT subject_kind AS kind, subject_id AS subject, feature_key AS feature, count(*) AS n FROM new_days WHERE inserted GROUP BY 1, 2, 3
      )`,
    ],
    statement: (p) => `INSERT INTO feature_usage AS f (workspace_id, subject_kind, subject_id, feature_key, count, first_seen, last_seen, active_days)
      SELECT ${p.add(ws)}, u.kind, u.subject, u.feature, u.count, u.first, u.last, coalesce(d.n, 0)
      FROM ROWS FROM (jsonb_to_recordset(${p.add(JSON.stringify(usage))}::jsonb) AS (kind text, subject text, feature text, count bigint, first text, last text)) WITH ORDINALITY AS u
      LEFT JOIN day_counts d USING (kind, subject, feature)
      ORDER BY u.ordinality
      ON CONFLICT (workspace_id, subject_kind, subject_id, feature_key) DO UPDATE SET
        count = f.count + excluded.count,
        first_seen = least(f.first_seen, excluded.first_seen),
        last_seen = greatest(f.last_seen, excluded.last_seen),
        active_days = f.active_days + excluded.active_days`,
  };
}

/**
 * Claims the anonymous visitor's events for the user, counts their feature use toward the user
 * and moves their message state over.
 */
async function linkAnonymous(tx: pg.PoolClient, ws: string, anonymousId: string, userId: string) {
  const { rows: claimed } = await tx.query<{ timestamp: string; features: string[] }>(
    `UPDATE events SET user_id = $3 WHERE workspace_id = $1 AND anonymous_id = $2 AND user_id IS NULL RETURNING timestamp, features`,
    [ws, anonymousId, userId],
  );
  const uses = new Map<string, FeatureUses>();
  for (const { timestamp: at, features } of claimed) {
    const day = at.slice(0, 10);
    for (const feature of features) {
      if (!uses.has(feature)) uses.set(feature, { kind: 'user', subject: userId, feature, days: new Map() });
      const { days } = uses.get(feature)!;
      const seen = days.get(day);
      days.set(day, seen ? { count: seen.count + 1, first: at < seen.first ? at : seen.first, last: at > seen.last ? at : seen.last } : { count: 1, first: at, last: at });
    }
  }
  if (uses.size) await run(tx, countUses(ws, [...uses.values()]));
  await linkMessageStates(tx, ws, anonymousId, userId);
}
