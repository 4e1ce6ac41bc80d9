// Loads facts and evaluates a workspace's users and accounts without writing anything: some of
// them (incremental refresh, definition previews) or all of them in slices (recompute).
import { fromJson, type SqlDb } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { breathe } from './breathe.ts';
import { loadDefinitions } from './definitions.ts';
import { type AccountMetrics, type Definitions, Evaluator, type UserMetrics } from './evaluate.ts';
import { type AccountFactsWithoutUsage, byIds, loadAccounts, loadAwards, loadScores, loadUsage, loadUsers, rangesOf, type Scope } from './facts.ts';
import type { SubjectUsage } from './usage.ts';

/** What an account's evaluation needs to know about each of its users. */
interface MemberInfo {
  stageIndex: number;
  journey: string;
  usage: SubjectUsage | undefined;
}

export type EvaluatedAccounts = Map<string, { traits: Record<string, unknown>; metrics: AccountMetrics }>;

const NONE_AWARDED: ReadonlyMap<string, number> = new Map();
const NONE_COMPLETED: ReadonlySet<string> = new Set();
const NO_TRAITS: Record<string, unknown> = {};

const checklistsOf = (defs: Definitions) =>
  [...new Set(defs.programs.flatMap((p) => p.levels.flatMap((l) => l.requirements.flatMap((r) => ('checklist' in r ? [r.checklist] : [])))))];

/** Evaluates users; `traitsOf` gives the traits of their accounts, which pick each one's journey. */
async function evaluateUsers(sql: SqlDb, ws: string, scope: Scope, evaluator: Evaluator, traitsOf: (ids: string[]) => Promise<Map<string, Record<string, unknown>>>) {
  const users = await loadUsers(sql, ws, scope);
  const traits = await traitsOf([...new Set([...users.values()].flatMap((u) => (u.accountId ? [u.accountId] : [])))]);
  const [usage, awards, scores] = await Promise.all([
    loadUsage(sql, ws, 'user', evaluator.windows, evaluator.today, scope),
    loadAwards(sql, ws, scope, checklistsOf(evaluator.defs)),
    loadScores(sql, ws, scope, evaluator.today),
  ]);
  const metrics = new Map<string, UserMetrics>();
  for (const user of users.values()) {
    const facts = { id: user.id, lastSeen: user.lastSeen, accountId: user.accountId, usage: usage.get(user.id), awarded: awards.awarded.get(user.id) ?? NONE_AWARDED, completedChecklists: awards.completed.get(user.id) ?? NONE_COMPLETED, score: scores.get(user.id) ?? null };
    metrics.set(user.id, evaluator.user(facts, (user.accountId && traits.get(user.accountId)) || NO_TRAITS));
  }
  return { metrics, usage };
}

async function evaluateAccounts(sql: SqlDb, ws: string, accounts: Map<string, AccountFactsWithoutUsage>, scope: Scope, evaluator: Evaluator, members: ReadonlyMap<string, MemberInfo>) {
  const usage = await loadUsage(sql, ws, 'account', evaluator.windows, evaluator.today, scope);
  const out: EvaluatedAccounts = new Map();
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

  const accounts = await loadAccounts(sql, ws, accountIds, evaluator.today);
  // Users' primary accounts may lie outside the changed set; their traits pick the journey.
  const traitsOf = async (ids: string[]) => {
    const missing = ids.filter((id) => !accounts.has(id));
    const extra = missing.length ? await loadAccounts(sql, ws, missing, evaluator.today) : new Map<string, AccountFactsWithoutUsage>();
    return new Map(ids.map((id) => [id, (accounts.get(id) ?? extra.get(id))?.traits ?? {}]));
  };
  const users = await evaluateUsers(sql, ws, userIds, evaluator, traitsOf);
  const members = new Map([...users.metrics].map(([id, m]) => [id, { stageIndex: m.stageIndex, journey: m.journey, usage: users.usage.get(id) }]));
  const accountMetrics = await evaluateAccounts(sql, ws, accounts, accountIds, evaluator, members);
  return { evaluator, accountIds, userMetrics: users.metrics, accountMetrics };
}

/**
 * Slice sizes of a full recompute: memory stays bounded whatever the workspace's size. A slice is
 * small enough that its facts die young (cheap to collect: a third of the time GC took with 5,000
 * users) and that requests wait for it well under 100 ms (an account costs ~20 users).
 */
const USERS_PER_PASS = 1_000;
const ACCOUNTS_PER_PASS = 250;

/** A full recompute's results as they come, to be stored: users first, then accounts. */
export type RecomputeSlice = { users: UserMetrics[] } | { accounts: EvaluatedAccounts; scope: Scope };

/**
 * Everything, in slices read as index ranges: all users first (keeping only what their accounts
 * need: stage, journey and, for the active-days utilization, their active days), then accounts.
 */
export async function* evaluateAll(sql: SqlDb, ws: string, defs: Definitions, today: string): AsyncGenerator<RecomputeSlice> {
  const evaluator = new Evaluator(defs, today);
  const traits = new Map<string, Record<string, unknown>>();
  await sql.each('SELECT account_id, traits FROM accounts WHERE workspace_id = ?', [ws], ([id, t]) => traits.set(id as string, fromJson(t)));

  const utilization = defs.measures.utilization;
  const members = new Map<string, MemberInfo>();
  for await (const scope of rangesOf(sql, ws, 'users', 'user_id', USERS_PER_PASS)) {
    await breathe();
    const evaluated = await evaluateUsers(sql, ws, scope, evaluator, async () => traits);
    for (const m of evaluated.metrics.values()) {
      const usage = evaluated.usage.get(m.userId);
      members.set(m.userId, {
        stageIndex: m.stageIndex,
        journey: m.journey,
        // Keep only the window utilization reads, not every feature of every window.
        usage: utilization.type === 'active_days' && usage ? new Map([[utilization.withinDays, { features: new Map(), activeDays: usage.get(utilization.withinDays)?.activeDays ?? 0 }]]) : undefined,
      });
    }
    yield { users: [...evaluated.metrics.values()] };
  }
  for await (const scope of rangesOf(sql, ws, 'accounts', 'account_id', ACCOUNTS_PER_PASS)) {
    await breathe();
    yield { accounts: await evaluateAccounts(sql, ws, await loadAccounts(sql, ws, scope, evaluator.today), scope, evaluator, members), scope };
  }
}
