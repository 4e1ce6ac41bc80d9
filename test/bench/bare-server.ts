// Baseline for the benchmarks: bare Hono endpoints doing no work, on the same runtime.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/echo', async (c) => {
  await c.req.text();
  return c.json({ accepted: 1, duplicates: 0, rejected: [] });
});
app.get('/json', (c) => c.json({ messages: [{ campaignId: 'c', version: 1, kind: 'tooltip', content: { title: 'Turn on automated reminders', body: [], buttons: [] } }] }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => console.log('ready'));
