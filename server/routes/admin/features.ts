// /api/v1/features: feature definitions; saving one stores a new version.
import { Hono } from 'hono';
import { ApiError } from '../../errors.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { featureInput } from '../../protocol/feature.ts';
import { definitionStore } from '../../analytics/definitions.ts';
import { previewDefinitions } from '../../analytics/preview.ts';
import type { Store } from '../../store/store.ts';

export function featureRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .get('/', async (c) => c.json({ features: await store.listFeatures(c.var.workspace.id) }))
    .put('/:key', async (c) => {
      const input = await readJsonBody(c, featureInput, 'invalid_feature');
      if (input.key !== c.req.param('key')) {
        throw new ApiError(400, 'invalid_feature', `key: "${input.key}" does not match the URL's "${c.req.param('key')}"`);
      }
      return c.json(await store.saveFeature(c.var.workspace.id, input, c.var.actor ?? 'api'));
    })
    .post('/:key/preview', async (c) => {
      // Changing which features are key moves breadth, stages and health at once; a new detection
      // rule applies to events from now on, so it changes nothing here yet.
      const input = await readJsonBody(c, featureInput, 'invalid_feature');
      const ws = c.var.workspace.id;
      const features = [...(await store.listFeatures(ws)).filter((f) => f.key !== input.key), { ...input, version: 0 }];
      return c.json(await previewDefinitions(store, ws, { features }));
    })
    .get('/:key/versions', async (c) => {
      const versions = await definitionStore(store.sql).history(c.var.workspace.id, 'feature', c.req.param('key'));
      return c.json({ versions });
    });
}
