// Every operation the server answers, as the OpenAPI document describes it. Bodies and queries
// are the zod schemas the routes validate with; test/server/openapi.test.ts fails when a route
// is registered without an entry here, or an entry names a route that does not exist.
import type { z } from 'zod';
import { alertQuery, featureImpactQuery } from '../routes/admin/analytics.ts';
import { accountQuery, accountSelectionQuery } from '../routes/admin/accounts.ts';
import { answersQuery, explainQuery } from '../routes/admin/campaign-insights.ts';
import { listQuery as campaignListQuery } from '../routes/admin/campaigns.ts';
import { ingestProblemsQuery, recentEventsQuery } from '../routes/admin/events.ts';
import { userSearchQuery } from '../routes/admin/user-search.ts';
import { deliveriesQuery } from '../protocol/webhook.ts';
import type { RequestSchemaName, ResponseSchemaName } from './schemas.ts';

export type Tag = 'Tracking' | 'Campaigns' | 'Audiences' | 'Accounts' | 'Users' | 'Analytics' | 'Alerts' | 'Definitions' | 'Features' | 'Events' | 'Workspace' | 'Webhooks' | 'Console users' | 'Server';

/**
 * `secret`: Authorization: Bearer sk_… or a console session; `session`: a console session only;
 * `write`: the public write key; `none`: open.
 */
export type Auth = 'secret' | 'session' | 'write' | 'none';

export type JsonSchema = { [key: string]: unknown };

export interface Reply {
  status: 200 | 201 | 202 | 204;
  description: string;
  /** Omitted: the body is described in words only (its shape is a TypeScript type, not a zod schema). */
  schema?: JsonSchema;
  /** Default application/json. */
  contentType?: string;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As Hono writes it, e.g. `/api/v1/accounts/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: Tag;
  auth: Auth;
  body?: RequestSchemaName;
  query?: z.ZodObject;
  /** Descriptions of the path parameters; every `:name` in the path is documented, described or not. */
  params?: Record<string, string>;
  /** Optional request headers the route reads, with what they do. */
  headers?: Record<string, string>;
  reply: Reply;
  /** Error codes particular to this operation, by status. Key, body and server errors are added for every operation that has them. */
  errors?: Record<number, string[]>;
}

export const ref = (name: ResponseSchemaName): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties, required: Object.keys(properties) });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const both = (...parts: JsonSchema[]): JsonSchema => ({ allOf: parts });
const described = (description: string): JsonSchema => ({ type: 'object', description });
const versioned = (name: ResponseSchemaName) => both(ref(name), ref('DefinitionVersion'));

const feature = both(ref('Feature'), ref('FeatureVersion'));
const campaign = both(ref('Campaign'), ref('CampaignRecord'));
const touch = both(ref('Touch'), ref('TouchRecord'));
const versionList = (item: JsonSchema): Reply => ({ status: 200, description: 'Every saved version, newest first', schema: object({ versions: arrayOf(item) }) });

/** GET list, GET one, GET versions, PUT for journeys, certification programs and alert rules. */
function keyedDefinition(plural: string, noun: string, code: string, input: RequestSchemaName, stored: ResponseSchemaName): Operation[] {
  const base = `/api/v1/${plural}`;
  const params = { key: `the ${noun}'s key` };
  return [
    { method: 'get', path: base, tag: 'Definitions', auth: 'secret', summary: `List ${noun}s (current versions)`, reply: { status: 200, description: `The current version of each ${noun}`, schema: object({ items: arrayOf(versioned(stored)) }) } },
    { method: 'get', path: `${base}/:key`, tag: 'Definitions', auth: 'secret', summary: `Read one ${noun}`, params, reply: { status: 200, description: `The current version of the ${noun}`, schema: versioned(stored) }, errors: { 404: [`${code}_not_found`] } },
    { method: 'get', path: `${base}/:key/versions`, tag: 'Definitions', auth: 'secret', summary: `Version history of one ${noun}`, params, reply: versionList(versioned(stored)) },
    {
      method: 'put', path: `${base}/:key`, tag: 'Definitions', auth: 'secret', summary: `Save a ${noun} as a new version`, params, body: input,
      description: 'The body\'s key must equal the URL\'s. Metrics are recomputed in the background so the change shows at once.',
      reply: { status: 200, description: 'The saved version', schema: versioned(stored) }, errors: { 400: [`invalid_${code}`] },
    },
    {
      method: 'post', path: `${base}/:key/preview`, tag: 'Definitions', auth: 'secret', summary: `Preview the effect of a ${noun} before saving it`, params, body: input,
      reply: previewReply, errors: { 400: [`invalid_${code}`] },
    },
  ];
}

const previewReply: Reply = {
  status: 200,
  description: '`current` and `proposed` summaries (accounts by health colour, accounts and users by journey stage, accounts per seat/tenure cell, users per certification level, accounts each alert rule finds), `accountsChanged`, and up to 100 `changes` (account, from, to). Nothing is saved.',
};

/** GET, PUT and GET versions for health, tiers and measures: one per workspace. */
function singletonDefinition(path: string, noun: string, code: string, input: RequestSchemaName, stored: ResponseSchemaName): Operation[] {
  const base = `/api/v1/${path}`;
  return [
    { method: 'get', path: base, tag: 'Definitions', auth: 'secret', summary: `Read the ${noun}`, reply: { status: 200, description: `The current ${noun}; the built-in one (version 0) until the workspace saves its own`, schema: versioned(stored) } },
    { method: 'get', path: `${base}/versions`, tag: 'Definitions', auth: 'secret', summary: `Version history of the ${noun}`, reply: versionList(versioned(stored)) },
    {
      method: 'put', path: base, tag: 'Definitions', auth: 'secret', summary: `Save the ${noun} as a new version`, body: input,
      description: 'Metrics are recomputed in the background; earlier versions stay readable so history remains comparable.',
      reply: { status: 200, description: 'The saved version', schema: versioned(stored) }, errors: { 400: [`invalid_${code}`] },
    },
    { method: 'post', path: `${base}/preview`, tag: 'Definitions', auth: 'secret', summary: `Preview the effect of the ${noun} before saving it`, body: input, reply: previewReply, errors: { 400: [`invalid_${code}`] } },
  ];
}

const tracking: Operation[] = [
  {
    method: 'post', path: '/v1/batch', tag: 'Tracking', auth: 'write', body: 'Batch', summary: 'Send tracked events',
    description: 'Sent as text/plain JSON by browsers (no CORS preflight). Each event is validated on its own: invalid ones are listed in `rejected`, the rest are written in one transaction, and the answer comes only after it commits. Events are deduplicated per workspace by messageId.',
    reply: { status: 200, description: 'accepted, duplicates, rejected (index, code, message, path per event) and, in identity-verification report mode, unverified' },
    errors: { 400: ['invalid_batch'] },
  },
  {
    method: 'post', path: '/v1/decide', tag: 'Tracking', auth: 'write', body: 'DecideRequest', summary: 'What this visitor should see on this page view',
    reply: { status: 200, description: '`messages`: the campaigns to show, each resolved to the visitor\'s locale, with checklist and certification progress' },
    errors: { 400: ['invalid_decide'], 403: ['missing_token', 'token_too_large', 'malformed_token', 'unsupported_algorithm', 'bad_signature', 'token_expired', 'subject_mismatch', 'account_mismatch'] },
  },
  {
    method: 'get', path: '/v1/config', tag: 'Tracking', auth: 'write', summary: 'What the SDK needs before it tracks',
    description: 'A simple GET (no preflight); the write key may come as `?writeKey=`. Cached for 60 s.',
    reply: { status: 200, description: '`features`: the no-code feature rules (click selectors and URL patterns); `honorGlobalPrivacyControl`' },
  },
];

const server: Operation[] = [
  { method: 'get', path: '/healthz', tag: 'Server', auth: 'none', summary: 'Liveness check', reply: { status: 200, description: 'The server is up', schema: object({ status: { const: 'ok' } }) } },
  { method: 'get', path: '/api/v1/openapi.json', tag: 'Server', auth: 'none', summary: 'This document', reply: { status: 200, description: 'The OpenAPI 3.1 document of this API' } },
];

const campaignParams = { id: 'the campaign id' };
const campaignTransition = (action: 'publish' | 'pause' | 'archive', summary: string): Operation => ({
  method: 'post', path: `/api/v1/campaigns/:id/${action}`, tag: 'Campaigns', auth: 'secret', summary, params: campaignParams,
  description: 'Saved as a new version. Asking for the status the campaign already has changes nothing.',
  reply: { status: 200, description: 'The campaign in its new status', schema: campaign },
  errors: { 404: ['campaign_not_found'], 409: ['invalid_transition', 'version_conflict'] },
});
const campaigns: Operation[] = [
  { method: 'get', path: '/api/v1/campaigns', tag: 'Campaigns', auth: 'secret', query: campaignListQuery, summary: 'List campaigns', reply: { status: 200, description: 'Every campaign, or those in one status', schema: object({ campaigns: arrayOf(campaign) }) }, errors: { 400: ['invalid_query'] } },
  { method: 'post', path: '/api/v1/campaigns', tag: 'Campaigns', auth: 'secret', body: 'CampaignInput', summary: 'Create a campaign', reply: { status: 201, description: 'The created campaign, version 1', schema: campaign }, errors: { 400: ['invalid_campaign'] } },
  { method: 'get', path: '/api/v1/campaigns/:id', tag: 'Campaigns', auth: 'secret', summary: 'Read a campaign', params: campaignParams, reply: { status: 200, description: 'The campaign', schema: campaign }, errors: { 404: ['campaign_not_found'] } },
  {
    method: 'put', path: '/api/v1/campaigns/:id', tag: 'Campaigns', auth: 'secret', body: 'CampaignInput', summary: 'Edit a campaign (a new version)', params: campaignParams,
    headers: { 'If-Match': 'the version the edit was made from; the save is refused with version_conflict if the campaign has moved on' },
    description: 'Without `status` in the body the campaign keeps its status: a live campaign stays live.',
    reply: { status: 200, description: 'The saved campaign', schema: campaign },
    errors: { 400: ['invalid_campaign', 'invalid_if_match'], 404: ['campaign_not_found'], 409: ['campaign_archived', 'version_conflict'] },
  },
  {
    method: 'get', path: '/api/v1/campaigns/:id/versions', tag: 'Campaigns', auth: 'secret', summary: 'Version history of a campaign', params: campaignParams,
    reply: { status: 200, description: '`versions`: version, change (created, updated, published, paused, archived), author, at, and the campaign as it was', schema: object({ versions: arrayOf(described('version, change, author, at, campaign')) }) },
    errors: { 404: ['campaign_not_found'] },
  },
  campaignTransition('publish', 'Publish (go live)'),
  campaignTransition('pause', 'Pause a live campaign'),
  campaignTransition('archive', 'Archive a campaign for good'),
  {
    method: 'get', path: '/api/v1/campaigns/:id/explain', tag: 'Campaigns', auth: 'secret', query: explainQuery, summary: 'Why a visitor does or does not see the campaign', params: campaignParams,
    description: 'Name the visitor with `userId` or `anonymousId` (one is required); without `url`, page rules and page conditions are reported as not checked.',
    reply: { status: 200, description: '`shown` and every rule of the decision in order (status, schedule, pages, audience with each condition, holdout, caps, throttle, priority), each with passed and a reason in words' },
    errors: { 400: ['invalid_query'], 404: ['campaign_not_found'] },
  },
  {
    method: 'get', path: '/api/v1/campaigns/:id/results', tag: 'Campaigns', auth: 'secret', summary: 'What the campaign achieved against its holdout', params: campaignParams,
    reply: { status: 200, description: 'exposures, unique users, clicks, dismissals, held-out users; goal conversion and lift per user and per account, and `perAccount` rows (`accountId`, `name` from its traits or null, each arm\'s users, conversions and rate)' },
    errors: { 404: ['campaign_not_found'] },
  },
  {
    method: 'get', path: '/api/v1/campaigns/:id/answers', tag: 'Campaigns', auth: 'secret', query: answersQuery, summary: 'Answers to a survey', params: campaignParams,
    reply: { status: 200, description: '`total` (of the answers asked for: `group`, `choice`, `comments=only`), an NPS summary (promoters, passives, detractors, score) or counts per choice over every answer, and a page of `answers`, newest first, each with the user\'s `name` trait or null' },
    errors: { 400: ['invalid_query', 'not_a_survey'], 404: ['campaign_not_found'] },
  },
  {
    method: 'get', path: '/api/v1/campaigns/:id/answers.csv', tag: 'Campaigns', auth: 'secret', summary: 'Every answer to a survey as CSV', params: campaignParams,
    reply: { status: 200, description: 'text/csv, newest first: answered_at, user_id, user_name, account_id, account_name, score, nps_group, choice, choice_label, comment (a cell starting with = + - @ is prefixed with \' so spreadsheets never run it)' },
    errors: { 400: ['not_a_survey'], 404: ['campaign_not_found'] },
  },
];

const audiences: Operation[] = [
  {
    method: 'post', path: '/api/v1/audiences/estimate', tag: 'Audiences', auth: 'secret', body: 'EstimateRequest', summary: 'How many users and accounts an audience rule matches now',
    reply: { status: 200, description: '`users`, `accounts`, `totalUsers`, `totalAccounts`, and `pageViewConditions` (true when page, device or locale conditions could only be checked per page view)' },
    errors: { 400: ['invalid_audience'] },
  },
];

const accounts: Operation[] = [
  {
    method: 'get', path: '/api/v1/accounts', tag: 'Accounts', auth: 'secret', query: accountQuery, summary: 'Accounts with stage, health, tiers and contact',
    description: 'List filters take comma-separated values, e.g. `?stage=onboarded,adopted&health=red`.',
    reply: { status: 200, description: '`accounts` (journey stage, health score, colour and components, deployment and utilization rates, active users, seat and tenure tiers, last touch, contact recency), `total`, `limit`, `offset`' },
    errors: { 400: ['invalid_query'] },
  },
  {
    method: 'get', path: '/api/v1/accounts.csv', tag: 'Accounts', auth: 'secret', query: accountQuery, summary: 'Accounts as CSV, every page',
    description: 'Same filters and sort as GET /api/v1/accounts; `limit` and `offset` are ignored. Cells that a spreadsheet would run as a formula are prefixed with a quote.',
    reply: { status: 200, description: 'One row per account, with a header row', contentType: 'text/csv', schema: { type: 'string' } },
    errors: { 400: ['invalid_query'] },
  },
  {
    method: 'get', path: '/api/v1/accounts/:id', tag: 'Accounts', auth: 'secret', summary: 'One account in detail', params: { id: 'the account id (groupId)' },
    reply: { status: 200, description: '`account` (its metrics), `traits` (as group() calls set them, merged), `users` (name from identify traits, stage and certification per user), `leaderboards` (per certification program), `history` (daily snapshots: stage, health, tiers), `touches`, `alerts`, `featureUse` (per day, last 30 days), `messages` (shown, clicked, dismissed, completed by its users), `choices` (single-choice survey answers of 90 days with the option\'s label)' },
    errors: { 404: ['account_not_found'] },
  },
  {
    method: 'get', path: '/api/v1/accounts/:id/export', tag: 'Accounts', auth: 'secret', summary: 'Everything held about an account, as a JSON download (a customer taking their data); admins only', params: { id: 'the account id' },
    reply: { status: 200, description: '`exportedAt`, `accountId`, `traits`, `firstSeen`, `lastSeen`, `metrics`, `history` (daily snapshots), `touches`, `alerts`, `featureUse`, `users` (id, traits, last seen there), `surveyAnswers` and every `events` row sent with its id, oldest first; `Content-Disposition: attachment`' },
    errors: { 403: ['forbidden_for_role'], 404: ['account_not_found'] },
  },
  {
    method: 'delete', path: '/api/v1/accounts/:id', tag: 'Accounts', auth: 'secret', summary: 'Erase an account (a customer who left asked for their data to go); admins only', params: { id: 'the account id' },
    description: 'Its people who belong to no other account are erased as users (see DELETE /api/v1/users/:id); people who also belong to another account lose only this membership. Its traits, metrics, daily history, CS touches, alerts, caps, feature use, survey answers given there and the webhook deliveries naming it are deleted. Its events stay as bare tombstones (id, type, name, time), so a retried old batch is still a duplicate; stop sending its events first.',
    reply: { status: 200, description: '`accountId`, `usersErased`, `usersUnlinked`, `events` (events stripped of the account)' },
    errors: { 403: ['forbidden_for_role'], 404: ['account_not_found'] },
  },
  {
    method: 'get', path: '/api/v1/tier-matrix', tag: 'Accounts', auth: 'secret', query: accountSelectionQuery, summary: 'Accounts per seat tier × tenure tier cell, under the list\'s filters',
    description: 'The filters of GET /api/v1/accounts (no sort or paging), counted in one query: the cells add up to the `total` the list reports for the same filters.',
    reply: {
      status: 200,
      description: 'Tier names in order (`seat` ends with null: accounts without active users), the cells that have accounts, and their `total`',
      schema: object({
        seat: arrayOf({ type: ['string', 'null'] }),
        tenure: arrayOf({ type: 'string' }),
        cells: arrayOf(object({ seat: { type: ['string', 'null'] }, tenure: { type: ['string', 'null'] }, accounts: { type: 'integer' } })),
        total: { type: 'integer' },
      }),
    },
    errors: { 400: ['invalid_query'] },
  },
  {
    method: 'get', path: '/api/v1/account-rates', tag: 'Accounts', auth: 'secret', query: accountSelectionQuery, summary: 'Deployment and utilization rate of every account under the list\'s filters',
    description: 'For the deployment × utilization scatter: all matching accounts (no paging), lowest health first, as parallel arrays (entry i of each is one account). Rates are rounded to 3 decimals; accounts missing either rate are only counted in `unplotted`.',
    reply: {
      status: 200,
      description: '`total` accounts under the filters, `unplotted`, and the columns `accountId`, `name`, `deployment`, `utilization`, `contact` (recent or stale)',
      schema: object({
        total: { type: 'integer' },
        unplotted: { type: 'integer' },
        accountId: arrayOf({ type: 'string' }),
        name: arrayOf({ type: 'string' }),
        deployment: arrayOf({ type: 'number' }),
        utilization: arrayOf({ type: 'number' }),
        contact: arrayOf({ enum: ['recent', 'stale'] }),
      }),
    },
    errors: { 400: ['invalid_query'] },
  },
  { method: 'get', path: '/api/v1/accounts/:id/touches', tag: 'Accounts', auth: 'secret', summary: 'The CS touch log of an account', params: { id: 'the account id (groupId)' }, reply: { status: 200, description: 'The latest 500 touches, newest first', schema: object({ touches: arrayOf(touch) }) } },
  {
    method: 'post', path: '/api/v1/accounts/:id/touches', tag: 'Accounts', auth: 'secret', body: 'TouchInput', summary: 'Log a CS touch (call, meeting, chat, email)', params: { id: 'the account id (groupId)' },
    reply: { status: 201, description: 'The logged touch', schema: touch },
    errors: { 400: ['invalid_touch'], 404: ['account_not_found'] },
  },
];

const analytics: Operation[] = [
  {
    method: 'get', path: '/api/v1/users', tag: 'Users', auth: 'secret', query: userSearchQuery, summary: 'Find users by part of their id, name or email',
    reply: { status: 200, description: '`users` (at most `limit`, most recently seen first): `userId`, `name` and `email` (from identify traits, or null), `lastSeen`, their current `accountId` and `accountName`, and their journey `stage`' },
    errors: { 400: ['invalid_query'] },
  },
  {
    method: 'get', path: '/api/v1/users/:id', tag: 'Users', auth: 'secret', summary: 'One user in detail', params: { id: 'the user id' },
    reply: { status: 200, description: 'traits, accounts (with the current one\'s name), journey stage, breadth and key features used, use per feature (uses, active days), certification levels and awards, and `guidance`: every campaign decide handed the user, showed them, held them out of or that they answered, newest first (shows, handed out, clicked, dismissed, completed, snoozed, tour step, checklist items done, goal reached, holdout with its reason, survey answer with NPS group or option label, lastActivityAt)' },
    errors: { 404: ['user_not_found'] },
  },
  {
    method: 'get', path: '/api/v1/users/:id/export', tag: 'Users', auth: 'secret', summary: 'Everything held about a user, as a JSON download (a request of access); admins only', params: { id: 'the user id' },
    reply: { status: 200, description: '`exportedAt`, `userId`, `traits`, `firstSeen`, `lastSeen`, `accounts`, `journey`, `featureUse`, `certifications`, `guidance` (as on GET /api/v1/users/:id) and every `events` row of theirs, oldest first, with those sent under their anonymous ids; `Content-Disposition: attachment`' },
    errors: { 403: ['forbidden_for_role'], 404: ['user_not_found'] },
  },
  {
    method: 'delete', path: '/api/v1/users/:id', tag: 'Users', auth: 'secret', summary: 'Erase a user (a request to be forgotten); admins only', params: { id: 'the user id' },
    description: 'Deletes everything that names or follows the person: traits, memberships, feature use, metrics, certifications, guidance state, survey answers, logged problems, and the alerts and webhook deliveries that quote them. Their events stay de-identified (no user or anonymous id, properties, traits or context), so their account keeps its feature use (its deployment counts one user fewer) and a retried old batch is still a duplicate. Stop sending their events first: a new event with their id starts a new user.',
    reply: { status: 200, description: '`userId`, `events` (events de-identified), `anonymousIds` (anonymous ids of theirs erased with them), `accounts` (evaluated again without them)' },
    errors: { 403: ['forbidden_for_role'], 404: ['user_not_found'] },
  },
  { method: 'get', path: '/api/v1/overview', tag: 'Analytics', auth: 'secret', summary: 'Success equation, stage funnels, feature adoption and contact coverage', reply: { status: 200, description: 'customers, onboarding and adoption rates, successful customers; funnels of users and accounts by stage; adoption rate of each feature; contact coverage; open alerts (count, the newest 20 as in the alert feed, and byRule: how many each rule raised)' } },
  {
    method: 'get', path: '/api/v1/feature-impact', tag: 'Analytics', auth: 'secret', query: featureImpactQuery,
    summary: 'Which features go with success: the outcome rate of accounts that use each feature against those that do not',
    reply: {
      status: 200,
      description:
        'The outcome (`adopted`: the journey\'s adopted stage; `green`: health; `trait`: an account trait equal to `value`, as text in any case, e.g. renewed = true from the CRM; accounts without the trait are left out), ' +
        '`accounts` and `reached` in all, and per feature `with` and `without` (accounts, reached, rate), `difference` (rate with minus rate without, 95 % Newcombe interval), ' +
        '`ratio` (rate with ÷ rate without, 95 % Katz interval) and `significant`, the surest positive difference first (by the interval\'s lower end). An association, not a cause: measure a nudge with a holdout.',
    },
    errors: { 400: ['invalid_query'] },
  },
  { method: 'get', path: '/api/v1/alerts', tag: 'Alerts', auth: 'secret', query: alertQuery, summary: 'The alert feed', reply: { status: 200, description: '`alerts` (rule, subjectKind, subjectId, subjectName (an account\'s name trait, else its id; a campaign\'s name; null for other subjects), message, details, status, raisedAt), `total` (matching `status` and `rule`), `rules` (each rule\'s key and how many alerts of `status` it raised, most first, whatever `rule` is), `limit`, `offset`' }, errors: { 400: ['invalid_query'] } },
  {
    method: 'post', path: '/api/v1/alerts/acknowledge', tag: 'Alerts', auth: 'secret', summary: 'Acknowledge every open alert of one rule', body: 'AcknowledgeAlerts',
    reply: { status: 200, description: '`rule` and how many alerts were `acknowledged`' },
    errors: { 400: ['invalid_acknowledge'] },
  },
  ...(['acknowledge', 'resolve'] as const).map(
    (action): Operation => ({
      method: 'post', path: `/api/v1/alerts/:id/${action}`, tag: 'Alerts', auth: 'secret', summary: action === 'resolve' ? 'Resolve an alert (sends alert.resolved to webhooks)' : 'Acknowledge an alert', params: { id: 'the alert id' },
      reply: { status: 200, description: 'The alert with its new status' },
      errors: { 404: ['alert_not_found'], 409: ['alert_resolved'] },
    }),
  ),
];

const definitions: Operation[] = [
  ...keyedDefinition('journeys', 'journey', 'journey', 'JourneyInput', 'Journey'),
  ...keyedDefinition('certifications', 'certification program', 'certification', 'CertificationInput', 'Certification'),
  ...keyedDefinition('alert-rules', 'alert rule', 'alert_rule', 'AlertRuleInput', 'AlertRule'),
  ...singletonDefinition('health', 'health score definition', 'health', 'HealthInput', 'Health'),
  ...singletonDefinition('tiers', 'seat and tenure tiers', 'tiers', 'TiersInput', 'Tiers'),
  ...singletonDefinition('measures', 'measures (seats trait, activity window, utilization, contact recency)', 'measures', 'MeasuresInput', 'Measures'),
];

const features: Operation[] = [
  { method: 'get', path: '/api/v1/features', tag: 'Features', auth: 'secret', summary: 'List feature definitions', reply: { status: 200, description: 'The current version of each feature', schema: object({ features: arrayOf(feature) }) } },
  {
    method: 'put', path: '/api/v1/features/:key', tag: 'Features', auth: 'secret', body: 'FeatureInput', summary: 'Save a feature as a new version', params: { key: 'the feature\'s key; must equal the body\'s' },
    reply: { status: 200, description: 'The saved feature', schema: feature }, errors: { 400: ['invalid_feature'] },
  },
  { method: 'post', path: '/api/v1/features/:key/preview', tag: 'Features', auth: 'secret', summary: 'Preview the effect of a feature change (e.g. marking it key) before saving it', params: { key: 'the feature\'s key' }, body: 'FeatureInput', reply: previewReply, errors: { 400: ['invalid_feature'] } },
  { method: 'get', path: '/api/v1/features/:key/versions', tag: 'Features', auth: 'secret', summary: 'Version history of a feature', params: { key: 'the feature\'s key' }, reply: versionList(both(ref('Feature'), ref('DefinitionVersion'))) },
];

const keys = object({ writeKey: { type: 'string' }, secretKey: { type: 'string' } });
const workspace: Operation[] = [
  { method: 'get', path: '/api/v1/events', tag: 'Events', auth: 'secret', query: recentEventsQuery, summary: 'The latest events, to watch tracking arrive; `visitor` keeps one user\'s or anonymous visitor\'s among the latest 10,000', reply: { status: 200, description: '`events`, newest first: type, ids, name, properties, timestamps, features it counted as, identity verified' }, errors: { 400: ['invalid_query'] } },
  { method: 'get', path: '/api/v1/events/problems', tag: 'Events', auth: 'secret', query: ingestProblemsQuery, summary: 'Why events are missing: the latest refused events, events enforce mode would refuse, and overflowed browser queues (the latest 200 kept)', reply: { status: 200, description: '`problems`, newest first: at, code, message, path in the batch, visitor and event when readable' }, errors: { 400: ['invalid_query'] } },
  { method: 'get', path: '/api/v1/install', tag: 'Workspace', auth: 'secret', summary: 'The write key, the snippet to paste, and where it already runs', reply: { status: 200, description: '`workspace` (id, name), `writeKey`, `host`, `snippet`, and `tracking`: `lastReceivedAt`, the `hosts` and SDK `libraries` of the latest 1,000 events, each with `events` and `lastAt`' } },
  { method: 'get', path: '/api/v1/settings', tag: 'Workspace', auth: 'secret', summary: 'Identity verification, privacy, holdout and throttle settings', reply: { status: 200, description: 'The settings; verification secrets show only their last four characters', schema: ref('Settings') } },
  { method: 'put', path: '/api/v1/settings', tag: 'Workspace', auth: 'secret', body: 'SettingsInput', summary: 'Replace the settings (admins)', reply: { status: 200, description: 'The saved settings, secrets masked', schema: ref('Settings') }, errors: { 400: ['invalid_settings'], 403: ['forbidden_for_role'] } },
  { method: 'get', path: '/api/v1/settings/keys', tag: 'Workspace', auth: 'secret', summary: 'The write key and the secret key (admins)', reply: { status: 200, description: 'The keys', schema: keys }, errors: { 403: ['forbidden_for_role'] } },
  {
    method: 'post', path: '/api/v1/settings/keys/rotate', tag: 'Workspace', auth: 'secret', body: 'KeyRotation', summary: 'Replace the write or the secret key (admins)',
    description: 'The old key stops working at once: pages still sending the old write key lose their events, and API clients using the old secret key are refused. Console sessions are not affected.',
    reply: { status: 200, description: 'Both keys, one of them new', schema: keys }, errors: { 400: ['invalid_key_rotation'] },
  },
];

const sessionInfo = object({
  user: object({ id: { type: 'string' }, email: { type: 'string' }, role: { enum: ['admin', 'editor', 'viewer'] } }),
  workspace: object({ id: { type: 'string' }, name: { type: 'string' } }),
  csrfToken: { type: 'string', description: 'send it as X-CSRF-Token with every request that is not GET or HEAD' },
});
const session: Operation[] = [
  {
    method: 'post', path: '/api/v1/session', tag: 'Console users', auth: 'none', body: 'LoginInput', summary: 'Sign in to the console',
    description: 'Sets the httpOnly, SameSite=Strict cookie `uptake_session` (Secure over https). A session lasts 12 hours from its last use, at most 7 days. After 5 failed attempts for one email from one address, or 50 from one address, within 15 minutes, attempts are refused with 429 and Retry-After. An unknown email and a wrong password get the same answer.',
    reply: { status: 200, description: 'Who signed in, to which workspace, and the CSRF token', schema: sessionInfo },
    errors: { 400: ['invalid_login', 'workspace_required'], 401: ['invalid_credentials'], 403: ['csrf_failed'], 429: ['too_many_attempts'] },
  },
  { method: 'get', path: '/api/v1/session', tag: 'Console users', auth: 'session', summary: 'Who is signed in', reply: { status: 200, description: 'The session (the same body as signing in)', schema: sessionInfo } },
  { method: 'delete', path: '/api/v1/session', tag: 'Console users', auth: 'session', summary: 'Sign out', reply: { status: 204, description: 'Signed out; the cookie is cleared' } },
  {
    method: 'post', path: '/api/v1/session/password', tag: 'Console users', auth: 'session', body: 'PasswordChange', summary: 'Change one\'s own password',
    description: 'The user\'s other sessions end. Wrong current passwords count toward the sign-in limit.',
    reply: { status: 204, description: 'Changed' }, errors: { 400: ['invalid_password'], 403: ['wrong_password'], 429: ['too_many_attempts'] },
  },
];

const consoleUser = described('id, email, role (admin, editor, viewer), createdAt, lastLoginAt, disabled');
const oneTimePassword: Reply = { status: 200, description: '`user` and its one-time `password`, shown this once', schema: object({ user: consoleUser, password: { type: 'string' } }) };
const consoleUserParams = { id: 'the console user id' };
const consoleUsers: Operation[] = [
  { method: 'get', path: '/api/v1/console-users', tag: 'Console users', auth: 'secret', summary: 'List console users (admins)', reply: { status: 200, description: 'Every console user of the workspace', schema: object({ users: arrayOf(consoleUser) }) }, errors: { 403: ['forbidden_for_role'] } },
  {
    method: 'post', path: '/api/v1/console-users', tag: 'Console users', auth: 'secret', body: 'ConsoleUserInput', summary: 'Give someone a console login (admins)',
    reply: { ...oneTimePassword, status: 201 }, errors: { 400: ['invalid_console_user'], 409: ['email_taken'] },
  },
  {
    method: 'patch', path: '/api/v1/console-users/:id', tag: 'Console users', auth: 'secret', body: 'ConsoleUserPatch', summary: 'Change a console user\'s role, or disable or enable them (admins)', params: consoleUserParams,
    description: 'Disabling ends the user\'s sessions at once. The last enabled admin cannot be demoted or disabled.',
    reply: { status: 200, description: 'The user', schema: consoleUser }, errors: { 400: ['invalid_console_user'], 404: ['console_user_not_found'], 409: ['last_admin'] },
  },
  {
    method: 'post', path: '/api/v1/console-users/:id/reset-password', tag: 'Console users', auth: 'secret', summary: 'Give a console user a new one-time password (admins)', params: consoleUserParams,
    description: 'The user\'s sessions end.', reply: oneTimePassword, errors: { 404: ['console_user_not_found'] },
  },
];

const webhookParams = { id: 'the webhook id' };
const webhook = described('id, url, events, description, enabled, createdAt, updatedAt');
const webhooks: Operation[] = [
  { method: 'get', path: '/api/v1/webhooks', tag: 'Webhooks', auth: 'secret', summary: 'List webhooks', reply: { status: 200, description: 'Every webhook of the workspace', schema: object({ webhooks: arrayOf(webhook) }) } },
  {
    method: 'post', path: '/api/v1/webhooks', tag: 'Webhooks', auth: 'secret', body: 'WebhookInput', summary: 'Register a webhook',
    reply: { status: 201, description: 'The webhook with its signing `secret`, shown this once' },
    errors: { 400: ['invalid_webhook'], 409: ['too_many_webhooks'] },
  },
  { method: 'get', path: '/api/v1/webhooks/:id', tag: 'Webhooks', auth: 'secret', summary: 'Read a webhook', params: webhookParams, reply: { status: 200, description: 'The webhook', schema: webhook }, errors: { 404: ['webhook_not_found'] } },
  {
    method: 'patch', path: '/api/v1/webhooks/:id', tag: 'Webhooks', auth: 'secret', body: 'WebhookPatch', summary: 'Change, pause or resume a webhook, or rotate its secret', params: webhookParams,
    reply: { status: 200, description: 'The webhook; with `secret` when it was rotated' },
    errors: { 400: ['invalid_webhook'], 404: ['webhook_not_found'] },
  },
  { method: 'delete', path: '/api/v1/webhooks/:id', tag: 'Webhooks', auth: 'secret', summary: 'Delete a webhook', params: webhookParams, reply: { status: 204, description: 'Deleted' }, errors: { 404: ['webhook_not_found'] } },
  {
    method: 'get', path: '/api/v1/webhooks/:id/deliveries', tag: 'Webhooks', auth: 'secret', query: deliveriesQuery, summary: 'The delivery log of a webhook', params: webhookParams,
    reply: { status: 200, description: '`deliveries` (eventId, type, status, attempts, lastStatus, lastError, nextAttemptAt, deliveredAt, createdAt), `total`, `limit`, `offset`, `status`' },
    errors: { 400: ['invalid_query'], 404: ['webhook_not_found'] },
  },
  {
    method: 'post', path: '/api/v1/webhooks/:id/test', tag: 'Webhooks', auth: 'secret', summary: 'Queue a webhook.test event to this webhook', params: webhookParams,
    reply: { status: 202, description: '`eventId`, `type` (webhook.test), `status` (pending)' },
    errors: { 404: ['webhook_not_found'], 409: ['webhook_disabled'] },
  },
];

export const operations: readonly Operation[] = [
  ...tracking, ...server, ...campaigns, ...audiences, ...accounts, ...analytics, ...definitions, ...features, ...workspace, ...webhooks, ...session, ...consoleUsers,
];
