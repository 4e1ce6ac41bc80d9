// /api/v1/overview, /feature-impact, /users/:id and /alerts: the success equation and funnels,
// which features go with success, one user in detail (exported or erased on request), and the
// alert feed CS acknowledges and resolves.
import { Hono } from 'hono';
import { z } from 'zod';
import { type AlertRow, alertFeed, toAlert } from '../../analytics/alert-feed.ts';
import { loadDefinitions } from '../../analytics/definitions.ts';
import { featureImpact } from '../../analytics/feature-impact.ts';
import { overview } from '../../analytics/queries.ts';
import { refresherFor } from '../../analytics/refresher.ts';
import { dayOf } from '../../analytics/usage.ts';
import { ApiError, invalid } from '../../errors.ts';
import { adminsOnly, type AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { acknowledgeAlertsInput } from '../../protocol/analytics.ts';
import { eraseUser } from '../../store/erase-user.ts';
import { fromJson, jsonText } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { webhookEvent } from '../../webhooks/outbox.ts';
import { exportFileName } from './exported-events.ts';
import { exportUser } from './user-export.ts';
import { userGuidance } from './user-guidance.ts';
import { searchUsers, userSearchQuery } from './user-search.ts';

export const alertQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved', 'unresolved', 'all']).default('unresolved'),
  rule: acknowledgeAlertsInput.shape.rule.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function overviewRoutes(store: Store) {
  return new Hono<AuthedEnv>().get('/', async (c) => {
    await refresherFor(store).fresh();
    const ws = c.var.workspace.id;
    return c.json(await overview(store.sql, ws, await loadDefinitions(store, ws), dayOf(new Date())));
  });
}

/** `?outcome=green`, `?outcome=adopted` or `?outcome=trait&trait=renewed&value=true`. */
export const featureImpactQuery = z
  .object({
    outcome: z.enum(['green', 'adopted', 'trait']).default('adopted'),
    trait: z.string().min(1).max(256).optional(),
    value: z.string().max(256).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.outcome !== 'trait') return;
    if (!q.trait) ctx.addIssue({ code: 'custom', path: ['trait'], message: 'name the account trait that says the outcome, e.g. trait=renewed' });
    if (q.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'give the trait value that counts as reached, e.g. value=true' });
  });

export function featureImpactRoutes(store: Store) {
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const query = featureImpactQuery.safeParse(c.req.query());
    if (!query.success) throw invalid('invalid_query', query.error);
    const { outcome, trait, value } = query.data;
    await refresherFor(store).fresh();
    const ws = c.var.workspace.id;
    const defs = await loadDefinitions(store, ws);
    return c.json(await featureImpact(store.sql, ws, defs, outcome === 'trait' ? { type: 'trait', key: trait!, value: value! } : { type: outcome }));
  });
}

export function userRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const query = userSearchQuery.safeParse(c.req.query());
      if (!query.success) throw invalid('invalid_query', query.error);
      await refresherFor(store).fresh();
      return c.json({ users: await searchUsers(store.sql, c.var.workspace.id, query.data.q, query.data.limit) });
    })
    .delete('/:id', adminsOnly('erase users'), async (c) => {
      const refresher = refresherFor(store);
      const erased = await refresher.exclusive(() => eraseUser(store.sql, c.var.workspace.id, c.req.param('id')));
      if (!erased) throw new ApiError(404, 'user_not_found', `no user "${c.req.param('id')}" in this workspace`);
      // Their accounts' metrics quote them (survey scores) until evaluated again: done before answering.
      await refresher.fresh();
      return c.json(erased);
    })
    .get('/:id/export', adminsOnly('export a user’s data'), async (c) => {
      const id = c.req.param('id');
      const data = await exportUser(store.sql, c.var.workspace.id, id, await store.listCampaigns(c.var.workspace.id));
      if (!data) throw new ApiError(404, 'user_not_found', `no user "${id}" in this workspace`);
      return c.json(data, 200, { 'Content-Disposition': `attachment; filename="${exportFileName('user', id)}"` });
    })
    .get('/:id', async (c) => {
      await refresherFor(store).fresh();
      const ws = c.var.workspace.id;
      const id = c.req.param('id');
      const user = await store.sql.get<{ traits: string | object; first_seen: string; last_seen: string }>(
        'SELECT traits, first_seen, last_seen FROM users WHERE workspace_id = ? AND user_id = ?',
        [ws, id],
      );
      if (!user) throw new ApiError(404, 'user_not_found', `no user "${id}" in this workspace`);
      const [metrics, features, accounts, awards, guidance] = await Promise.all([
        store.sql.get<{ account_id: string | null; journey: string; stage: string; stage_index: number; body: string }>(
          'SELECT account_id, journey, stage, stage_index, body FROM user_metrics WHERE workspace_id = ? AND user_id = ?',
          [ws, id],
        ),
        store.sql.all<{ feature: string; count: number; first_seen: string; last_seen: string; active_days: number }>(
          `SELECT feature_key AS feature, count, first_seen, last_seen, active_days FROM feature_usage
           WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ? ORDER BY feature_key`,
          [ws, id],
        ),
        store.sql.all<{ account_id: string; last_seen: string }>('SELECT account_id, last_seen FROM account_users WHERE workspace_id = ? AND user_id = ? ORDER BY last_seen DESC', [ws, id]),
        store.sql.all<{ program: string; level: number; name: string; awarded_at: string }>(
          'SELECT program, level, name, awarded_at FROM certifications WHERE workspace_id = ? AND user_id = ? ORDER BY awarded_at, program, level DESC',
          [ws, id],
        ),
        store.listCampaigns(ws).then((campaigns) => userGuidance(store.sql, ws, id, campaigns)),
      ]);
      const body = metrics ? JSON.parse(metrics.body) : { keyFeaturesUsed: [], certifications: {} };
      const accountId = metrics?.account_id ?? accounts[0]?.account_id ?? null;
      // The account's name from its group traits, for the console's breadcrumb.
      const account = accountId
        ? await store.sql.get<{ name: unknown }>(`SELECT ${jsonText(store.sql.dialect, 'traits', 'name')} AS name FROM accounts WHERE workspace_id = ? AND account_id = ?`, [ws, accountId])
        : undefined;
      return c.json({
        userId: id,
        traits: fromJson<Record<string, unknown>>(user.traits),
        firstSeen: user.first_seen,
        lastSeen: user.last_seen,
        accountId,
        accountName: typeof account?.name === 'string' && account.name.trim() ? account.name : null,
        accounts: accounts.map((a) => ({ accountId: a.account_id, lastSeen: a.last_seen })),
        journey: metrics?.journey ?? null,
        stage: metrics?.stage ?? null,
        breadth: body.keyFeaturesUsed.length,
        keyFeaturesUsed: body.keyFeaturesUsed,
        features: features.map((f) => ({ feature: f.feature, uses: Number(f.count), activeDays: Number(f.active_days), firstSeen: f.first_seen, lastSeen: f.last_seen })),
        certifications: body.certifications,
        awards: awards.map((a) => ({ program: a.program, level: Number(a.level), name: a.name, awardedAt: a.awarded_at })),
        guidance,
      });
    });
}

export function alertRoutes(store: Store) {
  /** For webhooks: the account's or campaign's name, or its id. */
  const subjectName = async (ws: string, alert: AlertRow): Promise<string> => {
    if (alert.subject_kind === 'campaign') return (await store.getCampaign(ws, alert.subject_id))?.name ?? alert.subject_id;
    const row = await store.sql.get<{ name: string }>('SELECT name FROM account_metrics WHERE workspace_id = ? AND account_id = ?', [ws, alert.subject_id]);
    return row?.name ?? alert.subject_id;
  };
  const transition = (to: 'acknowledged' | 'resolved') =>
    async (c: { var: { workspace: { id: string }; actor?: string }; req: { param(name: 'id'): string }; json: (data: unknown) => Response }) => {
      const ws = c.var.workspace.id;
      const id = c.req.param('id');
      const now = new Date().toISOString();
      const alert = await store.sql.get<AlertRow>('SELECT * FROM alerts WHERE workspace_id = ? AND id = ?', [ws, id]);
      if (!alert) throw new ApiError(404, 'alert_not_found', `no alert "${id}" in this workspace`);
      if (alert.status === 'resolved') throw new ApiError(409, 'alert_resolved', 'this alert is already resolved');
      const by = c.var.actor ?? 'api';
      const resolved = to === 'resolved' && { id, rule: alert.rule, subjectKind: alert.subject_kind, subjectId: alert.subject_id, subjectName: await subjectName(ws, alert), resolvedBy: by };
      await store.sql.batch([
        ['UPDATE alerts SET status = ?, updated_at = ?, updated_by = ? WHERE workspace_id = ? AND id = ?', [to, now, by, ws, id]],
        ...(resolved ? webhookEvent(ws, 'alert.resolved', resolved, now) : []),
      ]);
      return c.json(toAlert({ ...alert, status: to, updated_at: now, updated_by: c.var.actor ?? 'api' }));
    };
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const query = alertQuery.safeParse(c.req.query());
      if (!query.success) throw invalid('invalid_query', query.error);
      await refresherFor(store).fresh();
      const { status, rule, limit, offset } = query.data;
      return c.json({ ...(await alertFeed(store.sql, c.var.workspace.id, { status, rule }, limit, offset)), limit, offset });
    })
    .post('/acknowledge', async (c) => {
      const { rule } = await readJsonBody(c, acknowledgeAlertsInput, 'invalid_acknowledge');
      const [acknowledged = 0] = await store.sql.batch([
        [
          "UPDATE alerts SET status = 'acknowledged', updated_at = ?, updated_by = ? WHERE workspace_id = ? AND rule = ? AND status = 'open'",
          [new Date().toISOString(), c.var.actor ?? 'api', c.var.workspace.id, rule],
        ],
      ]);
      return c.json({ rule, acknowledged });
    })
    .post('/:id/acknowledge', transition('acknowledged'))
    .post('/:id/resolve', transition('resolved'));
}
