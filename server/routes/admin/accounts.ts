// /api/v1/accounts: accounts with their journey stage, health, tiers and contact; one account in
// detail; the CSV CS teams paste into spreadsheets; and the CS touch log.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { accountMetrics, ACCOUNT_SORTS, listAccountMetrics } from '../../analytics/queries.ts';
import { refresherFor } from '../../analytics/refresher.ts';
import { choiceLabel } from '../../engine/survey.ts';
import { ApiError, invalid } from '../../errors.ts';
import { adminsOnly, type AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { SCORE_WINDOW_DAYS, touchInput } from '../../protocol/analytics.ts';
import type { CampaignInput } from '../../protocol/campaign.ts';
import type { CertificationProgress } from '../../protocol/decide.ts';
import { eraseAccount } from '../../store/erase-account.ts';
import { exportAccount } from './account-export.ts';
import { exportFileName } from './exported-events.ts';
import { fromJson, jsonText } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { type CsvColumn, csvHeader, csvLine, csvResponse } from './csv.ts';

/** `?stage=onboarded,adopted`: a comma-separated list. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z.preprocess((s) => (typeof s === 'string' ? s.split(',').map((v) => v.trim()).filter(Boolean) : s), z.array(item).max(50)).optional();

/** Which accounts: the list's filters, shared by the tier matrix and the scatter's rates. */
export const accountSelectionQuery = z.object({
  stage: list(z.string().max(64)),
  health: list(z.enum(['green', 'yellow', 'red', 'unknown'])),
  seatTier: list(z.string().max(16)),
  tenureTier: list(z.string().max(16)),
  contact: list(z.enum(['recent', 'stale'])),
  journey: list(z.string().max(64)),
  q: z.string().max(200).optional(),
});

export const accountQuery = accountSelectionQuery.extend({
  sort: z.enum(Object.keys(ACCOUNT_SORTS) as [keyof typeof ACCOUNT_SORTS]).default('health'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const CSV_COLUMNS = [
  ['account_id', (a) => a.accountId],
  ['name', (a) => a.name],
  ['journey', (a) => a.journey],
  ['stage', (a) => a.stage],
  ['health_score', (a) => a.health.score],
  ['health_colour', (a) => a.health.colour],
  ['deployment_rate', (a) => a.deploymentRate],
  ['utilization_rate', (a) => a.utilizationRate],
  ['active_users_7d', (a) => a.activeUsers7d],
  ['active_users_30d', (a) => a.activeUsers30d],
  ['seats', (a) => a.seats],
  ['seat_tier', (a) => a.seatTier],
  ['tenure_months', (a) => a.tenureMonths],
  ['tenure_tier', (a) => a.tenureTier],
  ['last_touch_at', (a) => a.lastTouchAt],
  ['last_touch_channel', (a) => a.lastTouchChannel],
  ['contact', (a) => a.contact],
  ['last_active_at', (a) => a.lastActiveAt],
  ['nps_90d', (a) => a.nps?.score ?? null],
  ['survey_answers_90d', (a) => a.nps?.responses ?? 0],
] as const satisfies readonly CsvColumn<Awaited<ReturnType<typeof listAccountMetrics>>['accounts'][number]>[];

export function accountRoutes(store: Store) {
  const refresher = refresherFor(store);
  const parse = (query: Record<string, string>) => {
    const parsed = accountQuery.safeParse(query);
    if (!parsed.success) throw invalid('invalid_query', parsed.error);
    return parsed.data;
  };
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const filter = parse(c.req.query());
      await refresher.fresh();
      const page = await listAccountMetrics(store.sql, c.var.workspace.id, filter);
      return c.json({ ...page, limit: filter.limit, offset: filter.offset });
    })
    .get('/:id', async (c) => {
      await refresher.fresh();
      const ws = c.var.workspace.id;
      const id = c.req.param('id');
      const account = await accountMetrics(store.sql, ws, id);
      if (!account) throw new ApiError(404, 'account_not_found', `no account "${id}" in this workspace`);
      const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      const answersSince = new Date(Date.now() - SCORE_WINDOW_DAYS * 86_400_000).toISOString();
      const [traits, users, history, touches, alerts, usage, messages, choices] = await Promise.all([
        store.sql.get<{ traits: string | Record<string, unknown> }>('SELECT traits FROM accounts WHERE workspace_id = ? AND account_id = ?', [ws, id]),
        // With the name their identify traits give, so CS reads people, not ids.
        store.sql.all<{ user_id: string; stage: string; journey: string; body: string; last_seen: string; name: unknown }>(
          `SELECT m.user_id, m.stage, m.journey, m.body, u.last_seen, ${jsonText(store.sql.dialect, 'p.traits', 'name')} AS name
           FROM user_metrics m JOIN account_users u ON u.workspace_id = m.workspace_id AND u.user_id = m.user_id AND u.account_id = ?
           LEFT JOIN users p ON p.workspace_id = m.workspace_id AND p.user_id = m.user_id
           WHERE m.workspace_id = ? ORDER BY u.last_seen DESC LIMIT 500`,
          [id, ws],
        ),
        store.sql.all<{ day: string; stage: string; health_score: number | null; health_colour: string | null; health_version: number; body: string }>(
          'SELECT day, stage, health_score, health_colour, health_version, body FROM account_snapshots WHERE workspace_id = ? AND account_id = ? ORDER BY day DESC LIMIT 365',
          [ws, id],
        ),
        touchesOf(ws, id, 50),
        store.sql.all<Record<string, unknown>>(
          `SELECT id, rule, message, status, raised_at AS "raisedAt", updated_at AS "updatedAt" FROM alerts
           WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? ORDER BY raised_at DESC LIMIT 50`,
          [ws, id],
        ),
        // Feature use by day (the counters ingest keeps), for the timeline: "used Payments 3×".
        store.sql.all<{ feature: string; day: string; count: number }>(
          `SELECT feature_key AS feature, day, count FROM feature_days
           WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? AND day >= ? ORDER BY day DESC LIMIT 200`,
          [ws, id, since],
        ),
        // Messages the account's users were shown, clicked, dismissed or completed.
        store.sql.all<{ campaign_id: string; visitor_id: string; shows: number; last_shown_at: string | null; dismissed_at: string | null; clicked_at: string | null; completed_at: string | null }>(
          `SELECT s.campaign_id, s.visitor_id, s.shows, s.last_shown_at, s.dismissed_at, s.clicked_at, s.completed_at
           FROM account_users m JOIN message_states s ON s.workspace_id = m.workspace_id AND s.visitor_id = m.user_id
           WHERE m.workspace_id = ? AND m.account_id = ? AND s.shows > 0 ORDER BY s.last_shown_at DESC LIMIT 200`,
          [ws, id],
        ),
        // Single-choice survey answers (scores come with the metrics), with the survey to name the option.
        store.sql.all<{ campaign_id: string; visitor_id: string; choice: string; comment: string | null; answered_at: string; definition: string | null }>(
          `SELECT s.campaign_id, s.visitor_id, s.choice, s.comment, s.answered_at, c.definition
           FROM survey_answers s LEFT JOIN campaigns c ON c.workspace_id = s.workspace_id AND c.id = s.campaign_id
           WHERE s.workspace_id = ? AND s.account_id = ? AND s.choice IS NOT NULL AND s.answered_at >= ? ORDER BY s.answered_at DESC LIMIT 50`,
          [ws, id, answersSince],
        ),
      ]);
      const people = users.map((u) => ({
        userId: u.user_id,
        name: typeof u.name === 'string' && u.name.trim() ? u.name : null,
        journey: u.journey,
        stage: u.stage,
        lastSeen: u.last_seen,
        ...(JSON.parse(u.body) as { keyFeaturesUsed: string[]; certifications: Record<string, CertificationProgress> }),
      }));
      return c.json({
        account,
        // What group() calls (and a CRM sync) said about the account: plan, industry, renewal…
        traits: traits ? fromJson<Record<string, unknown>>(traits.traits) : {},
        users: people,
        leaderboards: leaderboards(people),
        history: history.reverse().map((h) => ({ day: h.day, stage: h.stage, healthScore: h.health_score, healthColour: h.health_colour, healthVersion: Number(h.health_version), ...JSON.parse(h.body) })),
        touches,
        alerts,
        featureUse: usage.map((u) => ({ feature: u.feature, day: u.day, count: Number(u.count) })),
        messages: messages.map((m) => ({
          campaignId: m.campaign_id, userId: m.visitor_id, shows: Number(m.shows), lastShownAt: m.last_shown_at,
          dismissedAt: m.dismissed_at, clickedAt: m.clicked_at, completedAt: m.completed_at,
        })),
        choices: choices.map((a) => ({
          campaignId: a.campaign_id, visitorId: a.visitor_id, choice: a.choice,
          choiceLabel: choiceLabel(a.definition ? fromJson<CampaignInput>(a.definition).question : undefined, a.choice), comment: a.comment, answeredAt: a.answered_at,
        })),
      });
    })
    .get('/:id/export', adminsOnly('export an account’s data'), async (c) => {
      const id = c.req.param('id');
      const data = await exportAccount(store.sql, c.var.workspace.id, id);
      if (!data) throw new ApiError(404, 'account_not_found', `no account "${id}" in this workspace`);
      return c.json(data, 200, { 'Content-Disposition': `attachment; filename="${exportFileName('account', id)}"` });
    })
    .delete('/:id', adminsOnly('erase accounts'), async (c) => {
      const erased = await refresher.exclusive(() => eraseAccount(store.sql, c.var.workspace.id, c.req.param('id')));
      if (!erased) throw new ApiError(404, 'account_not_found', `no account "${c.req.param('id')}" in this workspace`);
      // Erased people's other traces in metrics go with the evaluation it asked for, before answering.
      await refresher.fresh();
      return c.json(erased);
    })
    .get('/:id/touches', async (c) => c.json({ touches: await touchesOf(c.var.workspace.id, c.req.param('id'), 500) }))
    .post('/:id/touches', async (c) => {
      const ws = c.var.workspace.id;
      const accountId = c.req.param('id');
      const input = await readJsonBody(c, touchInput, 'invalid_touch');
      const known = await store.sql.get('SELECT 1 AS x FROM accounts WHERE workspace_id = ? AND account_id = ?', [ws, accountId]);
      if (!known) throw new ApiError(404, 'account_not_found', `no account "${accountId}" in this workspace`);
      const now = new Date().toISOString();
      const at = input.at ? new Date(input.at).toISOString() : now;
      if (Date.parse(at) > Date.now() + 5 * 60_000) throw new ApiError(400, 'invalid_touch', 'at: a touch cannot be in the future');
      const touch = { id: randomUUID(), accountId, channel: input.channel, note: input.note, at, author: c.var.actor ?? 'api', createdAt: now };
      await store.sql.batch([
        [
          'INSERT INTO touches (workspace_id, id, account_id, channel, note, at, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [ws, touch.id, accountId, touch.channel, touch.note, at, touch.author, now],
        ],
        ['INSERT INTO analytics_dirty (workspace_id, kind, subject_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [ws, 'account', accountId]],
      ]);
      return c.json(touch, 201);
    });

  async function touchesOf(ws: string, accountId: string, limit: number) {
    return store.sql.all<Record<string, unknown>>(
      `SELECT id, account_id AS "accountId", channel, note, at, author, created_at AS "createdAt" FROM touches
       WHERE workspace_id = ? AND account_id = ? ORDER BY at DESC LIMIT ?`,
      [ws, accountId, limit],
    );
  }

}

/**
 * Per certification program, the account's users from the highest level (1) down; within a level,
 * who is closest to the next one. Publishing levels creates pull (see the domain brief).
 */
function leaderboards(users: { userId: string; certifications: Record<string, CertificationProgress> }[]) {
  const programs = new Map<string, string>();
  for (const u of users) for (const p of Object.values(u.certifications)) programs.set(p.program, p.programName);
  const progress = (p: CertificationProgress) => (p.next ? p.next.requirements.reduce((sum, r) => sum + r.have / r.need, 0) / p.next.requirements.length : 1);
  return [...programs].map(([program, programName]) => ({
    program,
    programName,
    users: users
      .map((u) => ({ userId: u.userId, progress: u.certifications[program] }))
      .filter((u): u is { userId: string; progress: CertificationProgress } => !!u.progress)
      .sort((a, b) => (a.progress.level ?? 99) - (b.progress.level ?? 99) || progress(b.progress) - progress(a.progress) || a.userId.localeCompare(b.userId))
      .map(({ userId, progress: p }) => ({ userId, level: p.level, levelName: p.levelName, nextLevel: p.next?.level ?? null, progress: Math.round(progress(p) * 100) / 100 })),
  }));
}

/** GET /api/v1/accounts.csv with the same filters and sort as the list, every page. */
export function accountCsvRoutes(store: Store) {
  const refresher = refresherFor(store);
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const parsed = accountQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalid('invalid_query', parsed.error);
    const filter = { ...parsed.data, limit: 500 };
    const ws = c.var.workspace.id;
    await refresher.fresh();
    const lines = [csvHeader(CSV_COLUMNS)];
    for (let offset = 0; ; offset += filter.limit) {
      const { accounts } = await listAccountMetrics(store.sql, ws, { ...filter, offset });
      for (const a of accounts) lines.push(csvLine(CSV_COLUMNS, a));
      if (accounts.length < filter.limit) break;
    }
    return csvResponse(c, lines, 'accounts.csv');
  });
}
