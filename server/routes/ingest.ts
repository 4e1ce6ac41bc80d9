// POST /v1/batch: validates each event on its own, writes the valid ones in one transaction,
// and answers only after that transaction has committed.
import { type Context, Hono } from 'hono';
import { correctedTime } from '../engine/clock.ts';
import { featuresUsedBy } from '../engine/features.ts';
import { goalHits, goalIndex, goalLookback } from '../engine/goals.ts';
import { checkIdentityToken, TOKEN_PROBLEMS } from '../engine/identity-token.ts';
import { messageInteraction } from '../engine/interactions.ts';
import { ApiError, describeZodError, formatPath, invalid } from '../errors.ts';
import { findJsonProblem } from '../protocol/json-safety.ts';
import { workspaceForWriteKey } from '../middleware/auth.ts';
import { readJson } from '../middleware/json-body.ts';
import { type BatchEnvelope, batchEnvelopeSchema, type BatchResult, eventSchema, MAX_BATCH_BYTES, MAX_EVENT_BYTES, type RejectedEvent } from '../protocol/events.ts';
import type { IngestItem, Store } from '../store/store.ts';
import { ingestProblems, mayRecordProblems, refusedBody } from './ingest-problems.ts';

const YEAR_2000 = Date.UTC(2000, 0, 1);

/** Events from before 2000 or more than a day ahead are clock bugs, not history. */
function implausibleTime(at: number, receivedAtMs: number): string | null {
  if (at < YEAR_2000) return 'is before the year 2000; check the device clock';
  if (at > receivedAtMs + 86_400_000) return 'is more than a day in the future; check the device clock or send sentAt';
  return null;
}

export function ingestRoutes(store: Store) {
  /**
   * A body refused whole (not JSON, not a batch, too large) is kept for the console's "Refused
   * events" too when its key names a workspace: a pipeline sending the wrong shape otherwise
   * looks, from the console, exactly like one sending nothing.
   */
  async function recordRefusedBody(key: unknown, error: ApiError): Promise<void> {
    if (typeof key !== 'string' || !key.startsWith('wk_')) return;
    try {
      const workspace = await store.workspaceByWriteKey(key);
      const now = Date.now();
      if (workspace && mayRecordProblems(workspace.id, now)) await store.recordIngestProblems(workspace.id, [refusedBody(new Date(now).toISOString(), error)]);
    } catch (recordError) {
      console.error('[uptake] could not record a refused batch:', recordError);
    }
  }

  async function readBatch(c: Context): Promise<BatchEnvelope> {
    let json: unknown;
    try {
      json = await readJson(c, MAX_BATCH_BYTES);
      const parsed = batchEnvelopeSchema.safeParse(json);
      if (!parsed.success) throw invalid('invalid_batch', parsed.error);
      return parsed.data;
    } catch (error) {
      if (error instanceof ApiError) {
        const bodyKey = typeof json === 'object' && json !== null ? (json as { writeKey?: unknown }).writeKey : undefined;
        await recordRefusedBody(c.req.header('x-uptake-key') ?? bodyKey, error);
      }
      throw error;
    }
  }

  return new Hono().post(
    '/batch',
    async (c) => {
      const body = await readBatch(c);
      const workspace = await workspaceForWriteKey(store, c.req.header('x-uptake-key') ?? body.writeKey);
      const receivedAtMs = Date.now();
      const receivedAt = new Date(receivedAtMs).toISOString();
      const [features, live, paused] = await Promise.all([
        store.listFeatures(workspace.id),
        store.listCampaigns(workspace.id, { status: 'live' }),
        store.listCampaigns(workspace.id, { status: 'paused' }),
      ]);
      const goals = goalIndex(live, paused);

      const { identityVerification: mode, verificationSecrets } = workspace.settings;
      const items: IngestItem[] = [];
      const rejected: RejectedEvent[] = [];
      // Accepted in report mode, but enforce mode would refuse them: the console lists them too.
      const wouldRefuse: RejectedEvent[] = [];
      body.batch.forEach((raw, index) => {
        const root = `batch[${index}]`;
        if (JSON.stringify(raw).length > MAX_EVENT_BYTES) {
          rejected.push({ index, code: 'event_too_large', message: `${root}: event is over 32 KB`, path: root });
          return;
        }
        const unsafe = findJsonProblem(raw);
        if (unsafe) {
          const path = formatPath(unsafe.path, root);
          rejected.push({ index, code: 'invalid_event', message: `${path}: ${unsafe.message}`, path });
          return;
        }
        const parsed = eventSchema.safeParse(raw);
        if (!parsed.success) {
          const { path, message } = describeZodError(parsed.error, root);
          rejected.push({ index, code: 'invalid_event', message, path });
          return;
        }
        const event = parsed.data;
        const at = correctedTime(event.timestamp, event.sentAt ?? body.sentAt, receivedAtMs);
        const timeProblem = implausibleTime(at, receivedAtMs);
        if (timeProblem) {
          rejected.push({ index, code: 'invalid_event', message: `${root}.timestamp: ${timeProblem}`, path: `${root}.timestamp` });
          return;
        }
        const timestamp = new Date(at).toISOString();
        let verified: boolean | null = null;
        if (mode !== 'off' && event.userId) {
          const problem = checkIdentityToken(body.identityTokens?.[event.userId], { userId: event.userId, accountId: event.groupId }, verificationSecrets);
          verified = problem === null;
          if (problem && mode === 'enforce') {
            rejected.push({ index, code: problem, message: `${root}: ${TOKEN_PROBLEMS[problem]}`, path: `${root}.userId` });
            return;
          }
          if (problem) {
            wouldRefuse.push({ index, code: problem, message: `${root}: ${TOKEN_PROBLEMS[problem]} (accepted: identity verification is in report mode)`, path: `${root}.userId` });
          }
        }
        const interaction = messageInteraction(event);
        if (interaction && 'problem' in interaction) {
          const path = `${root}.properties.${interaction.path}`;
          rejected.push({ index, code: 'invalid_event', message: `${path}: ${interaction.problem}`, path });
          return;
        }
        const used = featuresUsedBy(event, features);
        const reached = goalHits(event, used, goals);
        const lookback = interaction?.kind === 'shown' ? goalLookback(interaction.campaignId, goals) : null;
        items.push({
          event,
          timestamp,
          receivedAt,
          features: used,
          verified,
          ...(interaction ? { interaction } : {}),
          ...(reached.length ? { goals: reached } : {}),
          ...(lookback ? { lookback } : {}),
        });
      });

      const problems = rejected.length || wouldRefuse.length || body.dropped ? ingestProblems(receivedAt, body.batch, [...rejected, ...wouldRefuse], body.dropped) : [];
      // Issued together, so a store that groups writes commits both at once. Losing the record of a
      // problem must not fail the batch: its events are what the browser waits for.
      const [{ accepted, duplicates }] = await Promise.all([
        items.length ? store.ingest(workspace.id, items) : { accepted: 0, duplicates: 0 },
        problems.length && mayRecordProblems(workspace.id, receivedAtMs)
          ? store.recordIngestProblems(workspace.id, problems).catch((error) => console.error('[uptake] could not record ingest problems:', error))
          : undefined,
      ]);
      return c.json({ accepted, duplicates, rejected, ...(mode === 'report' ? { unverified: wouldRefuse.length } : {}) } satisfies BatchResult);
    },
  );
}
