// The zod schemas the OpenAPI document publishes under components/schemas, by name. Request
// bodies are converted as *input* (fields with defaults are optional); stored shapes as *output*
// (defaults filled in), which is what the API answers with.
import { z } from 'zod';
import {
  acknowledgeAlertsInput, alertRuleInput, certificationInput, healthInput, journeyInput, measuresInput, tiersInput, touchInput, type Versioned,
} from '../protocol/analytics.ts';
import { audienceRule, estimateRequest } from '../protocol/audience.ts';
import { type Campaign, campaignInput } from '../protocol/campaign.ts';
import { consoleUserInput, consoleUserPatch, keyRotation, loginInput, passwordChange } from '../protocol/console-auth.ts';
import { decideRequest } from '../protocol/decide.ts';
import type { ErrorEnvelope } from '../protocol/errors.ts';
import { batchEnvelopeSchema, eventSchema, MAX_BATCH_EVENTS } from '../protocol/events.ts';
import { type Feature, featureInput } from '../protocol/feature.ts';
import { webhookInput, webhookPatch } from '../protocol/webhook.ts';
import { workspaceSettings } from '../protocol/workspace.ts';

/** The route validates each event on its own (so one bad event rejects only itself); a client sees them typed. */
const batchBody = batchEnvelopeSchema.extend({ batch: z.array(eventSchema).min(1).max(MAX_BATCH_EVENTS) });

export const requestSchemas = {
  Batch: batchBody,
  Event: eventSchema,
  DecideRequest: decideRequest,
  CampaignInput: campaignInput,
  AudienceRuleInput: audienceRule,
  EstimateRequest: estimateRequest,
  TouchInput: touchInput,
  JourneyInput: journeyInput,
  HealthInput: healthInput,
  TiersInput: tiersInput,
  MeasuresInput: measuresInput,
  CertificationInput: certificationInput,
  AlertRuleInput: alertRuleInput,
  AcknowledgeAlerts: acknowledgeAlertsInput,
  FeatureInput: featureInput,
  SettingsInput: workspaceSettings,
  WebhookInput: webhookInput,
  WebhookPatch: webhookPatch,
  LoginInput: loginInput,
  PasswordChange: passwordChange,
  ConsoleUserInput: consoleUserInput,
  ConsoleUserPatch: consoleUserPatch,
  KeyRotation: keyRotation,
} satisfies Record<string, z.ZodType>;

// What the stores add to a saved body. Typed against the protocol's types, so a field added there
// and not here fails the typecheck instead of leaving the document behind.
const definitionVersion = z.object({
  version: z.number().int().min(0).describe('0 for a built-in definition nobody has saved yet'),
  updatedAt: z.string().describe('ISO-8601; empty for a built-in definition'),
  updatedBy: z.string().describe('who saved this version: a console user\'s email, "api" or "built-in"'),
}) satisfies z.ZodType<Versioned<object>>;
const featureVersion = z.object({ version: z.number().int().min(1) }) satisfies z.ZodType<Pick<Feature, 'version'>>;
const campaignRecord = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<Pick<Campaign, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;
const touchRecord = z.object({
  id: z.string(),
  accountId: z.string(),
  at: z.string(),
  author: z.string().describe('a console user\'s email, or "api"'),
  createdAt: z.string(),
});
const errorEnvelope = z.object({
  error: z.object({
    code: z.string().describe('stable, machine-readable, e.g. invalid_touch'),
    message: z.string().describe('names the field at fault, e.g. "at: expected an ISO-8601 date"'),
    status: z.number().int().describe('the HTTP status, repeated'),
  }),
}) satisfies z.ZodType<ErrorEnvelope>;

export const responseSchemas = {
  Error: errorEnvelope,
  Campaign: campaignInput,
  CampaignRecord: campaignRecord,
  AudienceRule: audienceRule,
  Touch: touchInput,
  TouchRecord: touchRecord,
  Journey: journeyInput,
  Health: healthInput,
  Tiers: tiersInput,
  Measures: measuresInput,
  Certification: certificationInput,
  AlertRule: alertRuleInput,
  DefinitionVersion: definitionVersion,
  Feature: featureInput,
  FeatureVersion: featureVersion,
  Settings: workspaceSettings,
} satisfies Record<string, z.ZodType>;

export type RequestSchemaName = keyof typeof requestSchemas;
export type ResponseSchemaName = keyof typeof responseSchemas;
