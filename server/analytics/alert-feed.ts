// The alert feed as CS reads it: newest first, each alert with the name of what it is about (an
// account's `name` trait, else its id; a campaign's name from its current definition), joined in
// the same query rather than looked up per alert.
import { jsonText, type SqlDb } from '../store/sql.ts';

/** `unresolved` is open and acknowledged together: what still needs someone. */
export type AlertStatusFilter = 'open' | 'acknowledged' | 'resolved' | 'unresolved' | 'all';

export interface AlertRow {
  id: string;
  rule: string;
  subject_kind: string;
  subject_id: string;
  message: string;
  details: string;
  status: string;
  raised_at: string;
  updated_at: string;
  updated_by: string | null;
}

export const toAlert = (a: AlertRow) => ({
  id: a.id, rule: a.rule, subjectKind: a.subject_kind, subjectId: a.subject_id, message: a.message, details: JSON.parse(a.details) as Record<string, unknown>,
  status: a.status, raisedAt: a.raised_at, updatedAt: a.updated_at, updatedBy: a.updated_by,
});

export type FeedAlert = ReturnType<typeof toAlert> & {
  /** The account's or campaign's name; null for other subjects, an account not evaluated yet or a deleted campaign. */
  subjectName: string | null;
};

export interface AlertFilter {
  status: AlertStatusFilter;
  /** One alert rule's key; every rule when absent. */
  rule?: string | undefined;
}

function statusClause(status: AlertStatusFilter): { where: string; params: string[] } {
  if (status === 'all') return { where: '', params: [] };
  if (status === 'unresolved') return { where: ` AND a.status <> 'resolved'`, params: [] };
  return { where: ' AND a.status = ?', params: [status] };
}

/**
 * The page of alerts matching the filter, how many match, and how many of the status each rule
 * raised, whatever rule is picked: a feed dominated by one rule can be narrowed to another.
 */
export async function alertFeed(
  sql: SqlDb,
  ws: string,
  { status, rule }: AlertFilter,
  limit: number,
  offset: number,
): Promise<{ total: number; alerts: FeedAlert[]; rules: { rule: string; count: number }[] }> {
  const byStatus = statusClause(status);
  const where = rule === undefined ? byStatus.where : `${byStatus.where} AND a.rule = ?`;
  const params = rule === undefined ? byStatus.params : [...byStatus.params, rule];
  const [rows, count, rules] = await Promise.all([
    sql.all<AlertRow & { subject_name: string | null }>(
      `SELECT a.*, CASE a.subject_kind WHEN 'account' THEN m.name WHEN 'campaign' THEN ${jsonText(sql.dialect, 'c.definition', 'name')} END AS subject_name
       FROM alerts a
       LEFT JOIN account_metrics m ON a.subject_kind = 'account' AND m.workspace_id = a.workspace_id AND m.account_id = a.subject_id
       LEFT JOIN campaigns c ON a.subject_kind = 'campaign' AND c.workspace_id = a.workspace_id AND c.id = a.subject_id
       WHERE a.workspace_id = ?${where} ORDER BY a.raised_at DESC, a.id LIMIT ? OFFSET ?`,
      [ws, ...params, limit, offset],
    ),
    sql.get<{ n: number }>(`SELECT count(*) AS n FROM alerts a WHERE a.workspace_id = ?${where}`, [ws, ...params]),
    sql.all<{ rule: string; n: number }>(
      `SELECT a.rule, count(*) AS n FROM alerts a WHERE a.workspace_id = ?${byStatus.where} GROUP BY a.rule ORDER BY count(*) DESC, a.rule`,
      [ws, ...byStatus.params],
    ),
  ]);
  return {
    total: Number(count?.n ?? 0),
    alerts: rows.map(({ subject_name, ...row }) => ({ ...toAlert(row), subjectName: subject_name })),
    rules: rules.map((r) => ({ rule: r.rule, count: Number(r.n) })),
  };
}
