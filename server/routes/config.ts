// GET /v1/config?writeKey=…: what the SDK needs before it tracks — the workspace's no-code
// feature rules and privacy settings. A simple GET, so browsers send no preflight.
import { Hono } from 'hono';
import { workspaceForWriteKey } from '../middleware/auth.ts';
import type { NoCodeRule, SdkConfig } from '../protocol/feature.ts';
import type { Store } from '../store/store.ts';

export function configRoutes(store: Store) {
  return new Hono().get('/config', async (c) => {
    const workspace = await workspaceForWriteKey(store, c.req.header('x-uptake-key') ?? c.req.query('writeKey'));
    const features = (await store.listFeatures(workspace.id)).flatMap(({ key, rule }) =>
      rule.type === 'event' ? [] : [{ key, rule: rule as NoCodeRule }],
    );
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ features, honorGlobalPrivacyControl: workspace.settings.honorGlobalPrivacyControl } satisfies SdkConfig);
  });
}
