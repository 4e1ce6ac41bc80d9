// Stores evaluated metrics: user and account rows, the day's account snapshot, alerts that appear
// or clear, certification levels newly reached (with their event and webhooks).
import { randomUUID } from 'node:crypto';
import type { SqlDb, Statement } from '../store/sql.ts';
import { accountAlerts, type AlertFinding, findingKey } from './alerts.ts';
import { breathe } from './breathe.ts';
import type { AccountMetrics, Definitions, UserMetrics } from './evaluate.ts';
import { byIds, type Scope } from './facts.ts';

/** Hook for side effects of new alerts and awards in the same transaction (webhooks). */
export type Emit = (workspaceId: string, type: 'alert.raised' | 'alert.resolved' | 'certification.awarded', data: Record<string, unknown>, now: string) => Statement[];

export interface Counts {
  users: number;
  accounts: number;
  alertsRaised: number;
  certificationsAwarded: number;
}

/**
 * A row is rewritten only when the evaluation changed it (updated_at: when it last changed): a
 * daily recompute leaves most users where they were, and finding a row unchanged costs half as
 * much as rewriting it (and its index entry).
 */
const UPSERT_USER = `INSERT INTO user_metrics (workspace_id, user_id, account_id, journey, stage, stage_index, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (workspace_id, user_id) DO UPDATE SET account_id = excluded.account_id, journey = excluded.journey, stage = excluded.stage,
    stage_index = excluded.stage_index, body = excluded.body, updated_at = excluded.updated_at
  WHERE user_metrics.body <> excluded.body OR user_metrics.stage <> excluded.stage OR user_metrics.journey <> excluded.journey
    OR user_metrics.stage_index <> excluded.stage_index OR user_metrics.account_id IS DISTINCT FROM excluded.account_id`;

/** Turns metrics into rows (and alerts, awards, webhooks), written in batches as they come. */
export class MetricsWriter {
  private statements: Statement[] = [];
  private usersWritten = 0;
  private accountsWritten = 0;
  private alertsRaised = 0;
  private certificationsAwarded = 0;

  constructor(
    private readonly sql: SqlDb,
    private readonly ws: string,
    private readonly defs: Definitions,
    private readonly today: string,
    private readonly now: string,
    private readonly emit: Emit | undefined,
  ) {}

  /** Users and accounts written so far. */
  get written() {
    return this.usersWritten + this.accountsWritten;
  }

  /** Writes in transactions of 2,000 statements: ~60 ms each, which requests wait for at most. */
  private async flush(force = false) {
    if (!force && this.statements.length < 2_000) return;
    const batch = this.statements;
    this.statements = [];
    await this.sql.batch(batch);
    await breathe();
  }

  async user(m: UserMetrics) {
    const { ws, now } = this;
    this.usersWritten++;
    this.statements.push([
      UPSERT_USER,
      [ws, m.userId, m.accountId, m.journey, m.stage, m.stageIndex, JSON.stringify({ keyFeaturesUsed: m.keyFeaturesUsed, certifications: m.certifications, score: m.score }), now],
    ]);
    for (const award of m.awards) {
      this.certificationsAwarded++;
      this.statements.push(
        [
          `INSERT INTO certifications (workspace_id, user_id, program, level, name, account_id, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, user_id, program, level) DO NOTHING`,
          [ws, m.userId, award.program, award.level, award.name, m.accountId, now],
        ],
        // Recorded as an event too, so it shows in timelines and can be a campaign goal; its library
        // says the server wrote it, not a browser.
        [
          `INSERT INTO events (workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at)
           VALUES (?, ?, 'track', ?, NULL, ?, 'certification_awarded', ?, '{}', '{"library":{"name":"uptake server"}}', ?, ?) ON CONFLICT (workspace_id, message_id) DO NOTHING`,
          [ws, `certification:${award.program}:${award.level}:${m.userId}`, m.userId, m.accountId, JSON.stringify({ program: award.program, level: award.level, name: award.name }), now, now],
        ],
        ...(this.emit?.(ws, 'certification.awarded', { userId: m.userId, accountId: m.accountId, ...award }, now) ?? []),
      );
    }
    await this.flush();
  }

  /** Writes evaluated accounts; alerts compare with the previous evaluation of each. */
  async accounts(evaluated: Map<string, { traits: Record<string, unknown>; metrics: AccountMetrics }>, scope: Scope = [...evaluated.keys()]) {
    const { ws, now, today } = this;
    const rows = await byIds<{ id: string; journey: string; stage: string; stage_index: number; findings: string }>(
      this.sql,
      (filter) => `SELECT account_id AS id, journey, stage, stage_index, findings FROM account_metrics WHERE workspace_id = ?${filter}`,
      [ws],
      scope,
      'account_id',
    );
    const previous = new Map(rows.map((r) => [r.id, r]));
    for (const [accountId, { traits, metrics }] of evaluated) {
      this.accountsWritten++;
      const before = previous.get(accountId);
      const findings = accountAlerts(
        this.defs.alertRules,
        metrics,
        before ? ({ journey: before.journey, stage: before.stage, stageIndex: Number(before.stage_index) } as AccountMetrics) : null,
      );
      const had = new Set<string>(before ? JSON.parse(before.findings) : []);
      const has = new Set(findings.map(findingKey));
      const name = typeof traits['name'] === 'string' ? (traits['name'] as string) : accountId;
      for (const finding of findings) {
        if (had.has(findingKey(finding))) continue;
        this.alertsRaised++;
        this.statements.push(...raiseAlert(ws, { kind: 'account', id: accountId, name }, finding, now, this.emit));
      }
      for (const key of had) {
        if (has.has(key)) continue;
        // Cleared by itself: resolved, and said so to webhooks as a person resolving it would be.
        const open = this.emit
          ? await this.sql.get<{ id: string; rule: string }>(
              "SELECT id, rule FROM alerts WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? AND finding = ? AND status <> 'resolved'",
              [ws, accountId, key],
            )
          : undefined;
        this.statements.push(
          [
            `UPDATE alerts SET status = 'resolved', updated_at = ?, updated_by = 'system' WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? AND finding = ? AND status <> 'resolved'`,
            [now, ws, accountId, key],
          ],
          ...(open ? this.emit!(ws, 'alert.resolved', { id: open.id, rule: open.rule, subjectKind: 'account', subjectId: accountId, subjectName: name, resolvedBy: 'system' }, now) : []),
        );
      }
      this.statements.push(
        [
          `INSERT INTO account_metrics (workspace_id, account_id, name, journey, stage, stage_index, health_score, health_colour, deployment_rate, utilization_rate,
             active_users, seat_tier, tenure_tier, last_touch_at, contact, last_active_at, nps, body, findings, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, account_id) DO UPDATE SET name = excluded.name, journey = excluded.journey, stage = excluded.stage,
             stage_index = excluded.stage_index, health_score = excluded.health_score, health_colour = excluded.health_colour,
             deployment_rate = excluded.deployment_rate, utilization_rate = excluded.utilization_rate, active_users = excluded.active_users,
             seat_tier = excluded.seat_tier, tenure_tier = excluded.tenure_tier, last_touch_at = excluded.last_touch_at, contact = excluded.contact,
             last_active_at = excluded.last_active_at, nps = excluded.nps, body = excluded.body, findings = excluded.findings, updated_at = excluded.updated_at`,
          [
            ws, accountId, name, metrics.journey, metrics.stage, metrics.stageIndex, metrics.health.score, metrics.health.colour, metrics.deploymentRate,
            metrics.utilizationRate, metrics.activeUsers30d, metrics.seatTier, metrics.tenureTier, metrics.lastTouchAt, metrics.contact, metrics.lastActiveAt,
            metrics.nps?.score ?? null, JSON.stringify(metrics), JSON.stringify([...has]), now,
          ],
        ],
        [
          `INSERT INTO account_snapshots (workspace_id, account_id, day, stage, health_score, health_colour, health_version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, account_id, day) DO UPDATE SET stage = excluded.stage, health_score = excluded.health_score,
             health_colour = excluded.health_colour, health_version = excluded.health_version, body = excluded.body`,
          [
            ws, accountId, today, metrics.stage, metrics.health.score, metrics.health.colour, metrics.healthVersion,
            JSON.stringify({ components: metrics.health.components, seatTier: metrics.seatTier, tenureTier: metrics.tenureTier, deploymentRate: metrics.deploymentRate, utilizationRate: metrics.utilizationRate }),
          ],
        ],
      );
      await this.flush();
    }
  }

  async done(): Promise<Counts> {
    await this.flush(true);
    return { users: this.usersWritten, accounts: this.accountsWritten, alertsRaised: this.alertsRaised, certificationsAwarded: this.certificationsAwarded };
  }
}

/** `subject.name` (the account's name trait, the campaign's name, or the id) goes to webhooks only: the feed looks names up when read. */
export function raiseAlert(ws: string, subject: { kind: 'account' | 'campaign'; id: string; name: string }, finding: AlertFinding, now: string, emit: Emit | undefined): Statement[] {
  const id = randomUUID();
  const key = findingKey(finding);
  return [
    [
      `INSERT INTO alerts (workspace_id, id, rule, finding, subject_kind, subject_id, message, details, status, raised_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
       ON CONFLICT (workspace_id, subject_kind, subject_id, finding) WHERE status <> 'resolved' DO NOTHING`,
      [ws, id, finding.rule, key, subject.kind, subject.id, finding.message, JSON.stringify(finding.details), now, now],
    ],
    ...(emit?.(ws, 'alert.raised', { id, rule: finding.rule, subjectKind: subject.kind, subjectId: subject.id, subjectName: subject.name, message: finding.message, details: finding.details }, now) ?? []),
  ];
}

