// Reads of evaluated metrics for the admin API and the console: the accounts list with filters,
// the success equation, one account or user in detail. All from the metrics tables, so reads
// stay fast however many events there are.
import { npsSummary } from '../engine/survey.ts';
import { jsonText, type SqlDb } from '../store/sql.ts';
import { type JourneyInput, type MeasuresInput, SCORE_WINDOW_DAYS } from '../protocol/analytics.ts';
import type { AccountMetrics } from './evaluate.ts';
import { alertFeed } from './alert-feed.ts';
import { type AccountSelection, accountWhere } from './account-selection.ts';
import { tierMatrix } from './account-spread.ts';
import { DEFAULT_JOURNEY } from './defaults.ts';
import type { Definitions } from './evaluate.ts';
import { windowStart } from './usage.ts';

export const ACCOUNT_SORTS = {
  name: 'name',
  health: 'health_score',
  stage: 'stage_index',
  deployment: 'deployment_rate',
  utilization: 'utilization_rate',
  activeUsers: 'active_users',
  lastActive: 'last_active_at',
  lastTouch: 'last_touch_at',
  nps: 'nps',
} as const;

export interface AccountFilter extends AccountSelection {
  sort: keyof typeof ACCOUNT_SORTS;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface AccountRow extends AccountMetrics {
  name: string;
}

// Rows evaluated before scores were kept have none until the account is evaluated again.
const toRow = (r: { name: string; body: string }): AccountRow => {
  const metrics = JSON.parse(r.body) as AccountMetrics;
  return { ...metrics, scores: metrics.scores ?? [], nps: metrics.nps ?? null, name: r.name };
};

export async function listAccountMetrics(sql: SqlDb, ws: string, f: AccountFilter): Promise<{ total: number; accounts: AccountRow[] }> {
  const [clause, params] = accountWhere(ws, f);
  const column = ACCOUNT_SORTS[f.sort];
  // Unknowns (no health, never touched) sort last either way; ties by id keep pages stable.
  const order = `${column} IS NULL, ${column} ${f.order === 'asc' ? 'ASC' : 'DESC'}, account_id ASC`;
  // Sort just the ids (narrow rows), then fetch the page's bodies: sorting 10,000 full metric
  // rows to keep 50 cost ~0.4 s; this costs a few milliseconds.
  const [count, ids] = await Promise.all([
    sql.get<{ n: number }>(`SELECT count(*) AS n FROM account_metrics WHERE ${clause}`, params),
    sql.all<{ id: string }>(`SELECT account_id AS id FROM account_metrics WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, f.limit, f.offset]),
  ]);
  const rows = ids.length
    ? await sql.all<{ id: string; name: string; body: string }>(
        `SELECT account_id AS id, name, body FROM account_metrics WHERE workspace_id = ? AND account_id IN (${ids.map(() => '?').join(', ')})`,
        [ws, ...ids.map((r) => r.id)],
      )
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: Number(count?.n ?? 0), accounts: ids.map((r) => toRow(byId.get(r.id)!)) };
}

export async function accountMetrics(sql: SqlDb, ws: string, accountId: string): Promise<AccountRow | null> {
  const row = await sql.get<{ name: string; body: string }>('SELECT name, body FROM account_metrics WHERE workspace_id = ? AND account_id = ?', [ws, accountId]);
  return row ? toRow(row) : null;
}

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

export interface SuccessEquation {
  customers: number;
  onboarded: number;
  adopted: number;
  onboardingRate: number | null;
  adoptionRate: number | null;
  successfulCustomers: number;
}

/** The success equation, funnels, coverage, feature adoption and tier matrix for a workspace. */
export async function overview(sql: SqlDb, ws: string, defs: Definitions, today: string) {
  const journeys: JourneyInput[] = defs.journeys.length ? [...defs.journeys] : [DEFAULT_JOURNEY];
  if (!journeys.some((j) => j.segment === null)) journeys.push(DEFAULT_JOURNEY);
  const accountStages = await sql.all<{ journey: string; stage_index: number; n: number }>(
    'SELECT journey, stage_index, count(*) AS n FROM account_metrics WHERE workspace_id = ? GROUP BY journey, stage_index',
    [ws],
  );
  const userStages = await sql.all<{ journey: string; stage_index: number; n: number }>(
    'SELECT journey, stage_index, count(*) AS n FROM user_metrics WHERE workspace_id = ? GROUP BY journey, stage_index',
    [ws],
  );
  const equation = (rows: typeof accountStages, journey?: JourneyInput): SuccessEquation => {
    let customers = 0;
    let onboarded = 0;
    let adopted = 0;
    for (const r of rows) {
      const j = journeys.find((x) => x.key === r.journey) ?? DEFAULT_JOURNEY;
      if (journey && j.key !== journey.key) continue;
      const n = Number(r.n);
      const index = Number(r.stage_index);
      customers += n;
      if (index >= j.stages.findIndex((s) => s.key === j.onboardedStage)) onboarded += n;
      if (index >= j.stages.findIndex((s) => s.key === j.adoptedStage)) adopted += n;
    }
    // customers × onboarding rate × adoption rate = successful customers, exactly.
    return { customers, onboarded, adopted, onboardingRate: ratio(onboarded, customers), adoptionRate: ratio(adopted, onboarded), successfulCustomers: adopted };
  };
  const funnel = (rows: typeof accountStages, journey: JourneyInput) =>
    journey.stages.map((s, i) => {
      const at = rows.filter((r) => r.journey === journey.key && Number(r.stage_index) === i).reduce((sum, r) => sum + Number(r.n), 0);
      const reached = rows.filter((r) => r.journey === journey.key && Number(r.stage_index) >= i).reduce((sum, r) => sum + Number(r.n), 0);
      return { stage: s.key, name: s.name, at, reached };
    });

  const measures: MeasuresInput = defs.measures;
  const since = windowStart(today, measures.coverageDays);
  const coverage = await sql.get<{ active: number; touched: number }>(
    `SELECT count(*) AS active, sum(CASE WHEN last_touch_at >= ? THEN 1 ELSE 0 END) AS touched FROM account_metrics WHERE workspace_id = ? AND active_users > 0`,
    [since, ws],
  );
  const health = await sql.all<{ colour: string | null; n: number }>(
    'SELECT health_colour AS colour, count(*) AS n FROM account_metrics WHERE workspace_id = ? GROUP BY health_colour',
    [ws],
  );
  const adoption = await sql.all<{ kind: string; feature: string; n: number }>(
    `SELECT subject_kind AS kind, feature_key AS feature, count(*) AS n FROM feature_usage WHERE workspace_id = ? GROUP BY subject_kind, feature_key`,
    [ws],
  );
  const scoresSince = windowStart(today, SCORE_WINDOW_DAYS);
  const scores = await sql.all<{ score: number }>('SELECT score FROM survey_answers WHERE workspace_id = ? AND score IS NOT NULL AND answered_at >= ?', [ws, scoresSince]);
  // What the unhappy said, newest first: the words behind the number.
  const detractors = await sql.all<{ accountId: string | null; accountName: string | null; visitorId: string; name: unknown; score: number; comment: string; answeredAt: string }>(
    `SELECT s.account_id AS "accountId", m.name AS "accountName", s.visitor_id AS "visitorId", ${jsonText(sql.dialect, 'u.traits', 'name')} AS name,
       s.score, s.comment, s.answered_at AS "answeredAt"
     FROM survey_answers s
     LEFT JOIN account_metrics m ON m.workspace_id = s.workspace_id AND m.account_id = s.account_id
     LEFT JOIN users u ON u.workspace_id = s.workspace_id AND u.user_id = s.visitor_id
     WHERE s.workspace_id = ? AND s.score <= 6 AND s.comment IS NOT NULL AND s.comment <> '' AND s.answered_at >= ?
     ORDER BY s.answered_at DESC LIMIT 3`,
    [ws, scoresSince],
  );
  const totals = { account: accountStages.reduce((s, r) => s + Number(r.n), 0), user: userStages.reduce((s, r) => s + Number(r.n), 0) };
  const alerts = await alertFeed(sql, ws, { status: 'unresolved' }, 20, 0);
  const active = Number(coverage?.active ?? 0);
  const touched = Number(coverage?.touched ?? 0);

  return {
    asOf: today,
    successEquation: equation(accountStages),
    segments: journeys.map((j) => ({ journey: j.key, name: j.name, segment: j.segment, successEquation: equation(accountStages, j) })),
    funnels: journeys.map((j) => ({ journey: j.key, name: j.name, accounts: funnel(accountStages, j), users: funnel(userStages, j) })),
    coverage: { periodDays: measures.coverageDays, activeAccounts: active, touchedAccounts: touched, rate: ratio(touched, active) },
    health: Object.fromEntries(['green', 'yellow', 'red', 'unknown'].map((c) => [c, Number(health.find((h) => (h.colour ?? 'unknown') === c)?.n ?? 0)])),
    tierMatrix: await tierMatrix(sql, ws, defs.tiers, {}),
    featureAdoption: defs.features.map((f) => {
      const accounts = Number(adoption.find((a) => a.kind === 'account' && a.feature === f.key)?.n ?? 0);
      const users = Number(adoption.find((a) => a.kind === 'user' && a.feature === f.key)?.n ?? 0);
      return { feature: f.key, name: f.name, isKey: f.isKey, accounts, accountRate: ratio(accounts, totals.account), users, userRate: ratio(users, totals.user) };
    }),
    alerts: { open: alerts.total, latest: alerts.alerts, byRule: alerts.rules },
    nps: {
      periodDays: SCORE_WINDOW_DAYS,
      summary: scores.length ? npsSummary(scores.map((s) => Number(s.score))) : null,
      detractors: detractors.map((d) => ({ ...d, score: Number(d.score), name: typeof d.name === 'string' && d.name.trim() ? d.name : null })),
    },
  };
}
