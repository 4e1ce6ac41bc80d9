// The console's only way to the server: a typed client over the admin API. A console session
// (httpOnly cookie, X-CSRF-Token on every change) is the normal way in; a workspace secret key
// (Authorization: Bearer sk_…) also works, for set-up before anyone has a login.
// Response types come from the server modules with `import type`, so nothing server-side is bundled.
import type { AccountRates, TierMatrix } from '../analytics/account-spread.ts';
import type { FeatureImpact, FeatureImpactReport, TraitChoice } from '../analytics/feature-impact.ts';
import type { AccountRow, overview } from '../analytics/queries.ts';
import type { previewDefinitions } from '../analytics/preview.ts';
import type { Explanation } from '../engine/explain.ts';
import type { CampaignResults } from '../engine/results.ts';
import type { NpsSummary, SurveyAnswer } from '../engine/survey.ts';
import type { AlertRuleInput, CertificationInput, HealthInput, JourneyInput, MeasuresInput, TiersInput, TouchInput, Versioned } from '../protocol/analytics.ts';
import type { AudienceRule } from '../protocol/audience.ts';
import type { Campaign, CampaignInput, CampaignStatus } from '../protocol/campaign.ts';
import type { ConsoleUser, ConsoleUserInput, ConsoleUserPatch, KeyKind, LoginInput, OneTimePassword, PasswordChange, SessionInfo, WorkspaceKeys } from '../protocol/console-auth.ts';
import type { CertificationProgress } from '../protocol/decide.ts';
import type { ErrorEnvelope } from '../protocol/errors.ts';
import type { FeatureInput } from '../protocol/feature.ts';
import type { Webhook, WebhookDelivery, WebhookInput, WebhookPatch, WebhookWithSecret } from '../protocol/webhook.ts';
import type { WorkspaceSettings } from '../protocol/workspace.ts';
import type { TrackingSummary } from '../routes/admin/install.ts';
import type { UserGuidance } from '../routes/admin/user-guidance.ts';
import type { FoundUser } from '../routes/admin/user-search.ts';
import type { AccountErasure } from '../store/erase-account.ts';
import type { Erasure } from '../store/erase-user.ts';
import type { CampaignVersion, IngestProblem, StoredEvent } from '../store/store.ts';

export type { AccountRates, AccountRow, UserGuidance, CertificationProgress, FeatureImpact, FeatureImpactReport, SessionInfo, TierMatrix, TraitChoice };
/** What GET /feature-impact compares against: the adopted stage, green health, or a trait's value. */
export interface FeatureImpactQuery {
  outcome: 'adopted' | 'green' | 'trait';
  trait?: string;
  value?: string;
}
export type Overview = Awaited<ReturnType<typeof overview>>;
export type Preview = Awaited<ReturnType<typeof previewDefinitions>>;
export type HealthColour = 'green' | 'yellow' | 'red';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The field a validation message names ("thresholds.yellow: yellow must be below green" → "thresholds.yellow"), or null. */
  get field(): string | null {
    return /^([\w$-]+(?:\.[\w$-]+|\[\d+\])*): /.exec(this.message)?.[1] ?? null;
  }
}

/** What a failed action shows: the server's refusal as it came, anything else (a bug) as a client error. */
export const asApiFailure = (error: unknown): ApiFailure =>
  error instanceof ApiFailure ? error : new ApiFailure(0, 'client_error', (error as Error).message);

export interface Install {
  workspace: { id: string; name: string };
  writeKey: string;
  host: string;
  snippet: string;
  tracking: TrackingSummary;
}

export interface AccountsPage {
  total: number;
  limit: number;
  offset: number;
  accounts: AccountRow[];
}

/** Which accounts: the filters of GET /api/v1/accounts, /tier-matrix and /account-rates; lists are sent comma-separated. */
export interface AccountSelection {
  stage?: string[];
  health?: string[];
  seatTier?: string[];
  tenureTier?: string[];
  contact?: string[];
  journey?: string[];
  q?: string;
}

/** Filters, sort and page of GET /api/v1/accounts. */
export interface AccountQuery extends AccountSelection {
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface AccountUser {
  userId: string;
  /** The `name` trait from identify, when there is one. */
  name: string | null;
  journey: string;
  stage: string;
  lastSeen: string;
  keyFeaturesUsed: string[];
  certifications: Record<string, CertificationProgress>;
}

export interface ComponentScore {
  metric: string;
  label: string;
  value: number | null;
  score: number | null;
  weight: number;
}

export interface HealthSnapshot {
  day: string;
  stage: string;
  healthScore: number | null;
  healthColour: HealthColour | null;
  healthVersion: number;
  components: ComponentScore[];
  seatTier: string | null;
  tenureTier: string | null;
}

export interface Touch {
  id: string;
  accountId: string;
  channel: TouchInput['channel'];
  note: string;
  at: string;
  author: string;
  createdAt: string;
}

export interface Alert {
  id: string;
  rule: string;
  subjectKind?: string;
  subjectId?: string;
  /** The account's name (its name trait, else its id) or the campaign's name; null or absent otherwise. */
  subjectName?: string | null;
  message: string;
  /** open, acknowledged or resolved. */
  status: string;
  raisedAt: string;
  updatedAt?: string;
  updatedBy?: string | null;
}

export interface AccountDetail {
  account: AccountRow;
  /** The account's traits as group() calls set them (merged). */
  traits: Record<string, unknown>;
  users: AccountUser[];
  history: HealthSnapshot[];
  touches: Touch[];
  alerts: Alert[];
  /** Feature use per day over the last 30 days. */
  featureUse: { feature: string; day: string; count: number }[];
  /** Messages the account's users were shown, and what they did with them. */
  messages: { campaignId: string; userId: string; shows: number; lastShownAt: string | null; dismissedAt: string | null; clickedAt: string | null; completedAt: string | null }[];
  /** Single-choice survey answers of the last 90 days; `choiceLabel` is null when the option was since removed. */
  choices: { campaignId: string; visitorId: string; choice: string; choiceLabel: string | null; comment: string | null; answeredAt: string }[];
}

export interface UserDetail {
  userId: string;
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  accountId: string | null;
  /** The account's `name` trait, when it has one. */
  accountName: string | null;
  journey: string | null;
  stage: string | null;
  breadth: number;
  keyFeaturesUsed: string[];
  features: { feature: string; uses: number; activeDays: number; firstSeen: string; lastSeen: string }[];
  certifications: Record<string, CertificationProgress>;
  awards: { program: string; level: number; name: string; awardedAt: string }[];
  /** Every campaign handed to, shown to, held out of or answered by the user, newest first. */
  guidance: UserGuidance[];
}

export type Feature = Versioned<FeatureInput>;
export type Journey = Versioned<JourneyInput>;
export type Certification = Versioned<CertificationInput>;
export type AlertRule = Versioned<AlertRuleInput>;
export type Health = Versioned<HealthInput>;
export type Tiers = Versioned<TiersInput>;
export type Measures = Versioned<MeasuresInput>;
export type Settings = WorkspaceSettings;
export type { AlertRuleInput, AudienceRule, CampaignResults, Campaign, CampaignInput, CampaignStatus, CampaignVersion, Explanation, CertificationInput, IngestProblem, ConsoleUser, FeatureInput, HealthInput, JourneyInput, MeasuresInput, StoredEvent, TiersInput, TouchInput, Webhook, WebhookDelivery, WebhookInput, WorkspaceKeys };

export interface ReachEstimate {
  users: number;
  accounts: number;
  totalUsers: number;
  totalAccounts: number;
  /** The rule names page, device or locale: users who could match on some page view count. */
  pageViewConditions: boolean;
}

export interface SurveyAnswers {
  total: number;
  nps?: NpsSummary;
  choices?: Record<string, number>;
  /** Newest first, each with the user's `name` trait when they have one. */
  answers: (SurveyAnswer & { name: string | null })[];
}

/** Which answers a survey's list shows: an NPS group, one option, or only those with a comment. */
export interface AnswersFilter {
  group?: 'promoter' | 'passive' | 'detractor';
  choice?: string;
  comments?: 'only';
}

/** Who to explain a campaign for: GET /api/v1/campaigns/:id/explain. */
export interface ExplainQuery {
  userId: string;
  url?: string;
}

/** How the console proves who it is: the session's CSRF token (the cookie travels by itself), or a secret key. */
export type Credentials = { csrfToken: string } | { secretKey: string } | null;

type Params = Record<string, string | number | readonly string[] | undefined>;

/** `?a=1&b=x,y`, leaving out empty values. */
export function queryString(params: Params): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value);
    if (text !== '') parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const enc = encodeURIComponent;

export function createClient(credentials: Credentials, options: { base?: string; onUnauthorized?: () => void } = {}) {
  const base = options.base ?? '/api/v1';

  async function send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const headers: Record<string, string> = { ...extra };
    if (credentials && 'secretKey' in credentials) headers['authorization'] = `Bearer ${credentials.secretKey}`;
    if (credentials && 'csrfToken' in credentials && method !== 'GET') headers['x-csrf-token'] = credentials.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(base + path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      throw new ApiFailure(0, 'network_error', 'the server did not answer; check the connection and try again');
    }
    if (response.ok) return response;
    const error = ((await response.json().catch(() => null)) as ErrorEnvelope | null)?.error;
    if (response.status === 401 && credentials) options.onUnauthorized?.();
    throw new ApiFailure(response.status, error?.code ?? 'http_error', error?.message ?? `the server answered HTTP ${response.status}`);
  }

  async function call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await send(method, path, body, headers);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  const get = <T>(path: string) => call<T>('GET', path);

  /** Journeys, certification programs and alert rules: many per workspace, by key. */
  const keyed = <In extends { key: string }>(plural: string) => ({
    list: () => get<{ items: Versioned<In>[] }>(`/${plural}`).then((r) => r.items),
    versions: (key: string) => get<{ versions: Versioned<In>[] }>(`/${plural}/${enc(key)}/versions`).then((r) => r.versions),
    save: (input: In) => call<Versioned<In>>('PUT', `/${plural}/${enc(input.key)}`, input),
    preview: (input: In) => call<Preview>('POST', `/${plural}/${enc(input.key)}/preview`, input),
  });
  /** Health, tiers and measures: one per workspace. */
  const singleton = <In>(path: string) => ({
    get: () => get<Versioned<In>>(`/${path}`),
    versions: () => get<{ versions: Versioned<In>[] }>(`/${path}/versions`).then((r) => r.versions),
    save: (input: In) => call<Versioned<In>>('PUT', `/${path}`, input),
    preview: (input: In) => call<Preview>('POST', `/${path}/preview`, input),
  });

  return {
    signIn: (input: LoginInput) => call<SessionInfo>('POST', '/session', input),
    session: () => get<SessionInfo>('/session'),
    endSession: () => call<void>('DELETE', '/session'),
    /** Refused with 403 wrong_password when `current` is not right; the user's other sessions end. */
    changePassword: (change: PasswordChange) => call<void>('POST', '/session/password', change),

    install: () => get<Install>('/install'),
    /** With `visitor`, only that user's or anonymous visitor's (among the latest 10,000 events). */
    events: (limit = 20, visitor?: string) =>
      get<{ events: StoredEvent[] }>(`/events?${new URLSearchParams({ limit: String(limit), ...(visitor ? { visitor } : {}) })}`).then((r) => r.events),
    ingestProblems: (limit = 20) => get<{ problems: IngestProblem[] }>(`/events/problems?limit=${limit}`).then((r) => r.problems),
    settings: () => get<Settings>('/settings'),
    saveSettings: (settings: Settings) => call<Settings>('PUT', '/settings', settings),
    keys: () => get<WorkspaceKeys>('/settings/keys'),
    rotateKey: (key: KeyKind) => call<WorkspaceKeys>('POST', '/settings/keys/rotate', { key }),
    consoleUsers: () => get<{ users: ConsoleUser[] }>('/console-users').then((r) => r.users),
    createConsoleUser: (input: ConsoleUserInput) => call<OneTimePassword>('POST', '/console-users', input),
    updateConsoleUser: (id: string, patch: ConsoleUserPatch) => call<ConsoleUser>('PATCH', `/console-users/${enc(id)}`, patch),
    resetConsolePassword: (id: string) => call<OneTimePassword>('POST', `/console-users/${enc(id)}/reset-password`),

    overview: () => get<Overview>('/overview'),
    featureImpact: (query: FeatureImpactQuery) => get<FeatureImpactReport>(`/feature-impact${queryString({ ...query })}`),
    accounts: (query: AccountQuery) => get<AccountsPage>(`/accounts${queryString({ ...query })}`),
    tierMatrix: (selection: AccountSelection) => get<TierMatrix>(`/tier-matrix${queryString({ ...selection })}`),
    accountRates: (selection: AccountSelection) => get<AccountRates>(`/account-rates${queryString({ ...selection })}`),
    accountsCsv: (query: AccountQuery) => send('GET', `/accounts.csv${queryString({ ...query, limit: undefined, offset: undefined })}`).then((r) => r.blob()),
    account: (id: string) => get<AccountDetail>(`/accounts/${enc(id)}`),
    logTouch: (accountId: string, touch: TouchInput) => call<Touch>('POST', `/accounts/${enc(accountId)}/touches`, touch),
    findUsers: (q: string) => get<{ users: FoundUser[] }>(`/users${queryString({ q: q || undefined, limit: 50 })}`).then((r) => r.users),
    user: (id: string) => get<UserDetail>(`/users/${enc(id)}`),
    eraseUser: (id: string) => call<Erasure>('DELETE', `/users/${enc(id)}`),
    eraseAccount: (id: string) => call<AccountErasure>('DELETE', `/accounts/${enc(id)}`),
    accountExport: (id: string) => send('GET', `/accounts/${enc(id)}/export`).then((r) => r.blob()),
    userExport: (id: string) => send('GET', `/users/${enc(id)}/export`).then((r) => r.blob()),

    alerts: (status = 'unresolved', offset = 0, limit = 25, rule?: string) =>
      get<{ total: number; alerts: Alert[]; rules: { rule: string; count: number }[] }>(`/alerts${queryString({ status, rule, offset, limit })}`),
    acknowledgeAlert: (id: string) => call<Alert>('POST', `/alerts/${enc(id)}/acknowledge`),
    acknowledgeRule: (rule: string) => call<{ rule: string; acknowledged: number }>('POST', '/alerts/acknowledge', { rule }),
    resolveAlert: (id: string) => call<Alert>('POST', `/alerts/${enc(id)}/resolve`),

    features: {
      list: () => get<{ features: Feature[] }>('/features').then((r) => r.features),
      versions: (key: string) => get<{ versions: Feature[] }>(`/features/${enc(key)}/versions`).then((r) => r.versions),
      save: (input: FeatureInput) => call<Feature>('PUT', `/features/${enc(input.key)}`, input),
      preview: (input: FeatureInput) => call<Preview>('POST', `/features/${enc(input.key)}/preview`, input),
    },
    journeys: keyed<JourneyInput>('journeys'),
    certifications: keyed<CertificationInput>('certifications'),
    alertRules: keyed<AlertRuleInput>('alert-rules'),
    health: singleton<HealthInput>('health'),
    tiers: singleton<TiersInput>('tiers'),
    measures: singleton<MeasuresInput>('measures'),

    webhooks: () => get<{ webhooks: Webhook[] }>('/webhooks').then((r) => r.webhooks),
    createWebhook: (input: WebhookInput) => call<WebhookWithSecret>('POST', '/webhooks', input),
    updateWebhook: (id: string, patch: WebhookPatch) => call<Webhook & { secret?: string }>('PATCH', `/webhooks/${enc(id)}`, patch),
    deleteWebhook: (id: string) => call<void>('DELETE', `/webhooks/${enc(id)}`),
    deliveries: (id: string) => get<{ total: number; deliveries: WebhookDelivery[] }>(`/webhooks/${enc(id)}/deliveries?limit=20`),
    testWebhook: (id: string) => call<{ eventId: string }>('POST', `/webhooks/${enc(id)}/test`),

    campaigns: (status?: CampaignStatus) => get<{ campaigns: Campaign[] }>(`/campaigns${queryString({ status })}`).then((r) => r.campaigns),
    campaign: (id: string) => get<Campaign>(`/campaigns/${enc(id)}`),
    createCampaign: (input: CampaignInput) => call<Campaign>('POST', '/campaigns', input),
    /** Refused with 409 when someone saved a newer version than `version` meanwhile. */
    saveCampaign: (id: string, input: CampaignInput, version: number) => call<Campaign>('PUT', `/campaigns/${enc(id)}`, input, { 'if-match': String(version) }),
    changeCampaignStatus: (id: string, action: 'publish' | 'pause' | 'archive') => call<Campaign>('POST', `/campaigns/${enc(id)}/${action}`),
    campaignVersions: (id: string) => get<{ versions: CampaignVersion[] }>(`/campaigns/${enc(id)}/versions`).then((r) => r.versions),
    campaignResults: (id: string) => get<CampaignResults & { campaignId: string }>(`/campaigns/${enc(id)}/results`),
    explainCampaign: (id: string, query: ExplainQuery) => get<Explanation>(`/campaigns/${enc(id)}/explain${queryString({ ...query })}`),
    campaignAnswers: (id: string, only: AnswersFilter = {}) => get<SurveyAnswers>(`/campaigns/${enc(id)}/answers${queryString({ limit: 50, ...only })}`),
    campaignAnswersCsv: (id: string) => send('GET', `/campaigns/${enc(id)}/answers.csv`).then((r) => r.blob()),
    estimateAudience: (audience: AudienceRule) => call<ReachEstimate>('POST', '/audiences/estimate', { audience }),
  };
}

export type Client = ReturnType<typeof createClient>;
