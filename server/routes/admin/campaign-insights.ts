// /api/v1/campaigns/:id/explain, /results, /answers and /answers.csv: why a customer does or does
// not see a campaign, what it achieved against its holdout, and what people answered to a survey.
import { Hono } from 'hono';
import { z } from 'zod';
import { explainCampaign } from '../../engine/explain.ts';
import { campaignResults } from '../../engine/results.ts';
import { choiceCounts, choiceLabel, npsGroup, npsSummary, type SurveyAnswer } from '../../engine/survey.ts';
import { ApiError, invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import type { Campaign } from '../../protocol/campaign.ts';
import { jsonText } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { type CsvColumn, csvHeader, csvLine, csvResponse } from './csv.ts';

export const explainQuery = z
  .object({
    userId: z.string().min(1).max(256).optional(),
    anonymousId: z.string().min(1).max(256).optional(),
    accountId: z.string().min(1).max(256).optional(),
    /** The page to check; without it, page rules and page conditions are reported as not checked. */
    url: z.string().max(2048).optional(),
    locale: z.string().max(64).optional(),
    device: z.enum(['desktop', 'tablet', 'mobile']).optional(),
  })
  .refine((q) => q.userId || q.anonymousId, { message: 'either userId or anonymousId is required', path: ['userId'] });

/** A page of answers, narrowed to an NPS group, one option of a single-choice question, or those with a comment. */
export const answersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  group: z.enum(['promoter', 'passive', 'detractor']).optional(),
  choice: z.string().min(1).max(64).optional(),
  comments: z.enum(['only']).optional(),
});

const earliest = (times: string[]) => times.reduce((a, b) => (b < a ? b : a));

/** Parameters per lookup of names; well under SQLite's and PostgreSQL's limits. */
const NAMES_PER_QUERY = 500;

/** Accounts' names from their group traits, for results a person reads; ids without one are left out. */
/** The `name` trait of each of `ids` that has one, read NAMES_PER_QUERY at a time. */
async function namesOf(store: Store, ws: string, kind: 'account' | 'user', ids: readonly string[]): Promise<Map<string, string>> {
  const [table, column] = kind === 'account' ? ['accounts', 'account_id'] : ['users', 'user_id'];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += NAMES_PER_QUERY) {
    const chunk = ids.slice(i, i + NAMES_PER_QUERY);
    const rows = await store.sql.all<{ id: string; name: unknown }>(
      `SELECT ${column} AS id, ${jsonText(store.sql.dialect, 'traits', 'name')} AS name FROM ${table}
       WHERE workspace_id = ? AND ${column} IN (${chunk.map(() => '?').join(', ')})`,
      [ws, ...chunk],
    );
    for (const { id, name } of rows) if (typeof name === 'string' && name.trim()) names.set(id, name);
  }
  return names;
}

/** The store keeps answers oldest first; people read the latest first. */
const newestFirst = (answers: SurveyAnswer[]): SurveyAnswer[] => [...answers].reverse();

export function campaignInsightRoutes(store: Store) {
  async function existing(ws: string, id: string): Promise<Campaign> {
    const campaign = await store.getCampaign(ws, id);
    if (!campaign) throw new ApiError(404, 'campaign_not_found', `no campaign ${id} in this workspace`);
    return campaign;
  }

  async function survey(ws: string, id: string): Promise<Campaign> {
    const campaign = await existing(ws, id);
    if (campaign.kind !== 'survey') throw new ApiError(400, 'not_a_survey', `campaign ${campaign.id} is a ${campaign.kind}; only surveys have answers`);
    return campaign;
  }

  return new Hono<AuthedEnv>()
    .get('/:id/explain', async (c) => {
      const query = explainQuery.safeParse(c.req.query());
      if (!query.success) throw invalid('invalid_query', query.error);
      const { userId, anonymousId, accountId, url, locale, device } = query.data;
      const workspace = c.var.workspace;
      const campaign = await existing(workspace.id, c.req.param('id'));
      const [live, profile] = await Promise.all([store.listCampaigns(workspace.id, { status: 'live' }), store.loadProfile(workspace.id, { userId, anonymousId, accountId })]);
      const state = await store.decisionState(workspace.id, profile.visitorId, profile.accountId);
      const view = { now: new Date().toISOString(), url, locale, device };
      return c.json(explainCampaign(campaign, live, { profile, state, settings: workspace.settings, view }));
    })
    .get('/:id/results', async (c) => {
      const ws = c.var.workspace.id;
      const campaign = await existing(ws, c.req.param('id'));
      const arms = await store.campaignArms(ws, campaign.id);
      const starts = [...arms.exposed.map((v) => v.firstShownAt), ...arms.heldOut.map((v) => v.heldOutAt)];
      const goalTimes = campaign.goal && starts.length ? await store.goalTimes(ws, campaign.goal, earliest(starts)) : new Map<string, string[]>();
      const results = campaignResults(campaign.goal, arms, goalTimes);
      const names = await namesOf(store, ws, 'account', results.perAccount.map((r) => r.accountId));
      const perAccount = results.perAccount.map((r) => ({ ...r, name: names.get(r.accountId) ?? null }));
      return c.json({ campaignId: campaign.id, ...results, perAccount });
    })
    .get('/:id/answers', async (c) => {
      const query = answersQuery.safeParse(c.req.query());
      if (!query.success) throw invalid('invalid_query', query.error);
      const ws = c.var.workspace.id;
      const campaign = await survey(ws, c.req.param('id'));
      const answers = newestFirst(await store.surveyAnswers(ws, campaign.id));
      const { limit, offset, group, choice, comments } = query.data;
      // The summary is of every answer; the list and its total are of those asked for.
      const listed = answers.filter(
        (a) => (!group || (a.score !== null && npsGroup(a.score) === group)) && (!choice || a.choice === choice) && (!comments || !!a.comment?.trim()),
      );
      const page = listed.slice(offset, offset + limit);
      const names = await namesOf(store, ws, 'user', page.map((a) => a.visitorId));
      const summary =
        campaign.question?.type === 'nps'
          ? { nps: npsSummary(answers.flatMap((a) => (a.score === null ? [] : [a.score]))) }
          : { choices: choiceCounts(answers) };
      return c.json({ campaignId: campaign.id, total: listed.length, limit, offset, ...summary, answers: page.map((a) => ({ ...a, name: names.get(a.visitorId) ?? null })) });
    })
    // Every answer, for a spreadsheet or a CRM import: the comments are what CS reads and shares.
    .get('/:id/answers.csv', async (c) => {
      const ws = c.var.workspace.id;
      const campaign = await survey(ws, c.req.param('id'));
      const answers = newestFirst(await store.surveyAnswers(ws, campaign.id));
      const [userNames, accountNames] = await Promise.all([
        namesOf(store, ws, 'user', answers.map((a) => a.visitorId)),
        namesOf(store, ws, 'account', [...new Set(answers.flatMap((a) => (a.accountId ? [a.accountId] : [])))]),
      ]);
      const columns: CsvColumn<SurveyAnswer>[] = [
        ['answered_at', (a) => a.answeredAt],
        ['user_id', (a) => a.visitorId],
        ['user_name', (a) => userNames.get(a.visitorId) ?? null],
        ['account_id', (a) => a.accountId],
        ['account_name', (a) => (a.accountId ? (accountNames.get(a.accountId) ?? null) : null)],
        ['score', (a) => a.score],
        ['nps_group', (a) => (a.score === null ? null : npsGroup(a.score))],
        ['choice', (a) => a.choice],
        ['choice_label', (a) => choiceLabel(campaign.question, a.choice)],
        ['comment', (a) => a.comment],
      ];
      return csvResponse(c, [csvHeader(columns), ...answers.map((a) => csvLine(columns, a))], `answers-${campaign.id}.csv`);
    });
}
