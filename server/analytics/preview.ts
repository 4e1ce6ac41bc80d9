// "What would change if I saved this?": evaluates the workspace under a candidate definition,
// without storing anything, and compares it with the metrics in force.
import type { CertificationProgress } from '../protocol/decide.ts';
import type { Store } from '../store/store.ts';
import { accountAlerts } from './alerts.ts';
import { loadDefinitions } from './definitions.ts';
import type { AccountMetrics, Definitions } from './evaluate.ts';
import { evaluateWorkspace } from './evaluate-workspace.ts';
import { refresherFor } from './refresher.ts';
import { dayOf } from './usage.ts';

interface Summary {
  health: Record<'green' | 'yellow' | 'red' | 'unknown', number>;
  /** Accounts per journey and stage. */
  stages: Record<string, Record<string, number>>;
  /** Users per journey and stage. */
  userStages: Record<string, Record<string, number>>;
  /** Accounts per "seat/tenure" cell. */
  tiers: Record<string, number>;
  /** Users per certification program and level name ("none" before the first level). */
  certifications: Record<string, Record<string, number>>;
  /** Accounts each alert rule finds something about. */
  alerts: Record<string, number>;
}

const empty = (): Summary => ({ health: { green: 0, yellow: 0, red: 0, unknown: 0 }, stages: {}, userStages: {}, tiers: {}, certifications: {}, alerts: {} });

function addCertifications(s: Summary, certifications: Record<string, CertificationProgress> | undefined) {
  for (const p of Object.values(certifications ?? {})) bump((s.certifications[p.program] ??= {}), p.levelName ?? 'none');
}
const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);

function addAccount(s: Summary, m: Pick<AccountMetrics, 'health' | 'journey' | 'stage' | 'seatTier' | 'tenureTier'>) {
  bump(s.health, m.health.colour ?? 'unknown');
  bump((s.stages[m.journey] ??= {}), m.stage);
  bump(s.tiers, `${m.seatTier ?? '-'}/${m.tenureTier ?? '-'}`);
}

export async function previewDefinitions(store: Store, ws: string, change: Partial<Definitions>) {
  await refresherFor(store).fresh();
  const today = dayOf(new Date());
  const current = empty();
  const before = new Map<string, AccountMetrics & { name: string }>();
  for (const row of await store.sql.all<{ name: string; body: string; findings: string }>('SELECT name, body, findings FROM account_metrics WHERE workspace_id = ?', [ws])) {
    const m = { ...(JSON.parse(row.body) as AccountMetrics), name: row.name };
    before.set(m.accountId, m);
    addAccount(current, m);
    for (const rule of new Set((JSON.parse(row.findings) as string[]).map((f) => f.split(':')[0]!))) bump(current.alerts, rule);
  }
  await store.sql.each('SELECT body FROM user_metrics WHERE workspace_id = ?', [ws], ([body]) => {
    addCertifications(current, (JSON.parse(body as string) as { certifications?: Record<string, CertificationProgress> }).certifications);
  });
  for (const r of await store.sql.all<{ journey: string; stage: string; n: number }>('SELECT journey, stage, count(*) AS n FROM user_metrics WHERE workspace_id = ? GROUP BY journey, stage', [ws])) {
    (current.userStages[r.journey] ??= {})[r.stage] = Number(r.n);
  }

  const defs = { ...(await loadDefinitions(store, ws)), ...change };
  const evaluated = await evaluateWorkspace(store, ws, null, today, defs);
  const proposed = empty();
  const changes: { accountId: string; name: string; from: Record<string, unknown>; to: Record<string, unknown> }[] = [];
  let changed = 0;
  for (const [id, { metrics }] of evaluated?.accountMetrics ?? []) {
    addAccount(proposed, metrics);
    const previous = before.get(id);
    for (const rule of new Set(accountAlerts(defs.alertRules, metrics, previous ?? null).map((f) => f.rule))) bump(proposed.alerts, rule);
    const was = before.get(id);
    const diff = !was || was.health.colour !== metrics.health.colour || was.stage !== metrics.stage || was.seatTier !== metrics.seatTier || was.tenureTier !== metrics.tenureTier;
    if (!diff) continue;
    changed++;
    if (changes.length < 100) {
      const view = (m: AccountMetrics) => ({ stage: m.stage, healthScore: m.health.score, healthColour: m.health.colour, seatTier: m.seatTier, tenureTier: m.tenureTier });
      changes.push({ accountId: id, name: was?.name ?? id, from: was ? view(was) : {}, to: view(metrics) });
    }
  }
  for (const m of evaluated?.userMetrics.values() ?? []) {
    bump((proposed.userStages[m.journey] ??= {}), m.stage);
    addCertifications(proposed, m.certifications);
  }
  return { asOf: today, current, proposed, accountsChanged: changed, changes };
}
