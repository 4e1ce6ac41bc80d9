// /api/v1/audiences/estimate: how many users and accounts an audience rule matches right now,
// for the console's live estimate while a CS person edits a rule.
import { Hono } from 'hono';
import { mayMatchAudience } from '../../engine/targeting.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { type AudienceRule, estimateRequest, PAGE_VIEW_CONDITIONS } from '../../protocol/audience.ts';
import type { Store } from '../../store/store.ts';

function mentionsPageView(rule: AudienceRule): boolean {
  if ('all' in rule) return rule.all.some(mentionsPageView);
  if ('any' in rule) return rule.any.some(mentionsPageView);
  if ('not' in rule) return mentionsPageView(rule.not);
  return PAGE_VIEW_CONDITIONS.has(rule.type);
}

export function audienceRoutes(store: Store) {
  return new Hono<AuthedEnv>().post('/estimate', async (c) => {
    const { audience } = await readJsonBody(c, estimateRequest, 'invalid_audience');
    const profiles = await store.audienceProfiles(c.var.workspace.id);
    const view = { now: new Date().toISOString() };
    const accounts = new Set<string>();
    const allAccounts = new Set<string>();
    let users = 0;
    for (const profile of profiles) {
      if (profile.accountId) allAccounts.add(profile.accountId);
      if (!mayMatchAudience(audience, profile, view)) continue;
      users++;
      if (profile.accountId) accounts.add(profile.accountId);
    }
    return c.json({
      users,
      accounts: accounts.size,
      totalUsers: profiles.length,
      totalAccounts: allAccounts.size,
      // Page, device and locale are only known per page view: users who could match them count.
      pageViewConditions: mentionsPageView(audience),
    });
  });
}
