// Definitions CS teams edit: journeys, health score, tiers, measures, certification programs and
// alert rules. Every save is a new version (who, when); the history stays readable, and metrics
// are recomputed so the change shows at once.
import { Hono } from 'hono';
import { definitionStore, DEFINITION_KINDS, type DefinitionKind } from '../../analytics/definitions.ts';
import { DEFAULT_HEALTH, DEFAULT_JOURNEY, DEFAULT_MEASURES, DEFAULT_TIERS } from '../../analytics/defaults.ts';
import { previewDefinitions } from '../../analytics/preview.ts';
import { refresherFor } from '../../analytics/refresher.ts';
import { ApiError } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import type { Store } from '../../store/store.ts';

const BUILT_IN: Partial<Record<DefinitionKind, object>> = { health: DEFAULT_HEALTH, tiers: DEFAULT_TIERS, measures: DEFAULT_MEASURES };
const SINGLETON_KEY = 'default';

function recomputeSoon(store: Store, workspaceId: string) {
  refresherFor(store)
    .recompute({ workspaceId })
    .catch((error) => console.error('[uptake] recompute after a definition change failed:', error));
}

/** GET / (list), GET /:key, PUT /:key, GET /:key/versions for a keyed kind. */
export function keyedDefinitionRoutes(store: Store, kind: 'journey' | 'certification' | 'alert', code: string) {
  const defs = definitionStore(store.sql);
  const schema = DEFINITION_KINDS[kind].schema;
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const items = await defs.current(c.var.workspace.id, kind);
      // Until a journey is defined, the built-in one is in force: show it rather than nothing.
      if (kind === 'journey' && !items.some((j) => (j as { segment: unknown }).segment === null)) {
        items.push({ ...DEFAULT_JOURNEY, version: 0, updatedAt: '', updatedBy: 'built-in' } as never);
      }
      return c.json({ items });
    })
    .get('/:key', async (c) => {
      const key = c.req.param('key');
      const item = (await defs.current(c.var.workspace.id, kind)).find((d) => (d as { key: string }).key === key);
      if (item) return c.json(item);
      if (kind === 'journey' && key === DEFAULT_JOURNEY.key) return c.json({ ...DEFAULT_JOURNEY, version: 0, updatedAt: '', updatedBy: 'built-in' });
      throw new ApiError(404, `${code}_not_found`, `no ${kind} "${key}" in this workspace`);
    })
    .get('/:key/versions', async (c) => c.json({ versions: await defs.history(c.var.workspace.id, kind, c.req.param('key')) }))
    .post('/:key/preview', async (c) => {
      const input = (await readJsonBody(c, schema, `invalid_${code}`)) as { key: string };
      const ws = c.var.workspace.id;
      const others = (await defs.current(ws, kind)).filter((d) => (d as { key: string }).key !== input.key);
      const change = kind === 'journey' ? { journeys: [...others, { ...input, version: 0 }] } : kind === 'certification' ? { programs: [...others, input] } : { alertRules: [...others, input] };
      return c.json(await previewDefinitions(store, ws, change as never));
    })
    .put('/:key', async (c) => {
      const input = (await readJsonBody(c, schema, `invalid_${code}`)) as { key: string };
      if (input.key !== c.req.param('key')) throw new ApiError(400, `invalid_${code}`, `key: "${input.key}" does not match the URL's "${c.req.param('key')}"`);
      const saved = await defs.save(c.var.workspace.id, kind, input.key, input as never, c.var.actor ?? 'api');
      recomputeSoon(store, c.var.workspace.id);
      return c.json(saved);
    });
}

/** GET /, PUT /, GET /versions for a one-per-workspace kind. */
export function singletonDefinitionRoutes(store: Store, kind: 'health' | 'tiers' | 'measures', code: string) {
  const defs = definitionStore(store.sql);
  const schema = DEFINITION_KINDS[kind].schema;
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const [current] = await defs.current(c.var.workspace.id, kind);
      return c.json(current ?? { ...BUILT_IN[kind], version: 0, updatedAt: '', updatedBy: 'built-in' });
    })
    .get('/versions', async (c) => c.json({ versions: await defs.history(c.var.workspace.id, kind, SINGLETON_KEY) }))
    .post('/preview', async (c) => {
      const input = await readJsonBody(c, schema, `invalid_${code}`);
      return c.json(await previewDefinitions(store, c.var.workspace.id, { [kind]: kind === 'health' ? { ...input, version: 0 } : input }));
    })
    .put('/', async (c) => {
      const input = await readJsonBody(c, schema, `invalid_${code}`);
      const saved = await defs.save(c.var.workspace.id, kind, SINGLETON_KEY, input as never, c.var.actor ?? 'api');
      recomputeSoon(store, c.var.workspace.id);
      return c.json(saved);
    });
}
