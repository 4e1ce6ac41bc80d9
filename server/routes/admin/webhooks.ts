// /api/v1/webhooks: register URLs for alert and certification events, read each one's delivery log.
import { Hono } from 'hono';
import { ApiError, invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { deliveriesQuery, webhookInput, webhookPatch } from '../../protocol/webhook.ts';
import type { Store } from '../../store/store.ts';
import { queueTestEvent } from '../../webhooks/outbox.ts';
import {
  countWebhooks, createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, MAX_WEBHOOKS, updateWebhook,
} from '../../webhooks/registry.ts';

const notFound = (id: string) => new ApiError(404, 'webhook_not_found', `this workspace has no webhook ${id.slice(0, 100)}`);

export function webhookRoutes(store: Store) {
  const { sql } = store;
  return new Hono<AuthedEnv>()
    .get('/', async (c) => c.json({ webhooks: await listWebhooks(sql, c.var.workspace.id) }))
    .post('/', async (c) => {
      const input = await readJsonBody(c, webhookInput, 'invalid_webhook');
      if ((await countWebhooks(sql, c.var.workspace.id)) >= MAX_WEBHOOKS) {
        throw new ApiError(409, 'too_many_webhooks', `a workspace can have at most ${MAX_WEBHOOKS} webhooks; delete one first`);
      }
      return c.json(await createWebhook(sql, c.var.workspace.id, input, new Date().toISOString()), 201);
    })
    .get('/:id', async (c) => {
      const webhook = await getWebhook(sql, c.var.workspace.id, c.req.param('id'));
      if (!webhook) throw notFound(c.req.param('id'));
      return c.json(webhook);
    })
    .patch('/:id', async (c) => {
      const patch = await readJsonBody(c, webhookPatch, 'invalid_webhook');
      const webhook = await updateWebhook(sql, c.var.workspace.id, c.req.param('id'), patch, new Date().toISOString());
      if (!webhook) throw notFound(c.req.param('id'));
      return c.json(webhook);
    })
    .delete('/:id', async (c) => {
      if (!(await deleteWebhook(sql, c.var.workspace.id, c.req.param('id')))) throw notFound(c.req.param('id'));
      return c.body(null, 204);
    })
    .get('/:id/deliveries', async (c) => {
      const query = deliveriesQuery.safeParse(c.req.query());
      if (!query.success) throw invalid('invalid_query', query.error);
      const id = c.req.param('id');
      if (!(await getWebhook(sql, c.var.workspace.id, id))) throw notFound(id);
      const page = await listDeliveries(sql, c.var.workspace.id, id, query.data);
      return c.json({ total: page.total, deliveries: page.items, ...query.data });
    })
    .post('/:id/test', async (c) => {
      const id = c.req.param('id');
      const webhook = await getWebhook(sql, c.var.workspace.id, id);
      if (!webhook) throw notFound(id);
      if (!webhook.enabled) throw new ApiError(409, 'webhook_disabled', 'this webhook is disabled; enable it (PATCH {"enabled": true}) to send a test event');
      const eventId = await queueTestEvent(sql, c.var.workspace.id, id, new Date().toISOString());
      return c.json({ eventId, type: 'webhook.test', status: 'pending' }, 202);
    });
}
