// /api/v1/settings: identity verification and privacy settings of the workspace (only admins change them).
import { Hono } from 'hono';
import { adminsOnly, type AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { type WorkspaceSettings, workspaceSettings } from '../../protocol/workspace.ts';
import type { Store } from '../../store/store.ts';

/** Secrets are write-only: reading settings shows only their last four characters. */
const masked = (settings: WorkspaceSettings) => ({
  ...settings,
  verificationSecrets: settings.verificationSecrets.map((s) => `…${s.slice(-4)}`),
});

export function settingsRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .get('/', (c) => c.json(masked(c.var.workspace.settings)))
    .put('/', adminsOnly('change workspace settings'), async (c) => {
      const settings = await readJsonBody(c, workspaceSettings, 'invalid_settings');
      const updated = await store.updateWorkspaceSettings(c.var.workspace.id, settings);
      return c.json(masked(updated.settings));
    });
}
