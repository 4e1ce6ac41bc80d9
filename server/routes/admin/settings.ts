// /api/v1/settings: identity verification and privacy settings of the workspace (only admins change them).
import { Hono } from 'hono';
import { z } from 'zod';
import { adminsOnly, type AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { type WorkspaceSettings, workspaceSettings } from '../../protocol/workspace.ts';
import type { Store } from '../../store/store.ts';

/** Secrets are write-only: reading settings shows only their last four characters. */
const masked = (settings: WorkspaceSettings) => ({
  ...settings,
  verificationSecrets: settings.verificationSecrets.map((s) => `…${s.slice(-4)}`),
});

const MASK = /^…(.{4})$/;

/**
 * A form that read the settings sends unchanged secrets back masked: such an entry keeps the
 * stored secret it stands for, so saving the throttle does not erase the secrets.
 */
const settingsInput = (current: readonly string[]) =>
  z.preprocess((body) => {
    if (!body || typeof body !== 'object' || !Array.isArray((body as { verificationSecrets?: unknown }).verificationSecrets)) return body;
    const secrets = (body as { verificationSecrets: unknown[] }).verificationSecrets.map((s) => {
      const tail = typeof s === 'string' ? MASK.exec(s)?.[1] : undefined;
      return (tail && current.find((secret) => secret.endsWith(tail))) ?? s;
    });
    return { ...body, verificationSecrets: secrets };
  }, workspaceSettings);

export function settingsRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .get('/', (c) => c.json(masked(c.var.workspace.settings)))
    .put('/', adminsOnly('change workspace settings'), async (c) => {
      const settings = await readJsonBody(c, settingsInput(c.var.workspace.settings.verificationSecrets), 'invalid_settings');
      const updated = await store.updateWorkspaceSettings(c.var.workspace.id, settings);
      return c.json(masked(updated.settings));
    });
}
