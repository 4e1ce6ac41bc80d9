// The demo product's own little backend: its pages (with the Uptake snippet pasted in, as a
// customer would) and the list of staff a tester can switch between.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { sendFile } from '../server/routes/static-files.ts';
import { renderSnippet } from '../server/snippet.ts';
import { demoRoster } from './roster.ts';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const PAGES = ['appointments', 'patients', 'reminders', 'messages', 'payments'];

export function demoRoutes({ writeKey, host }: { writeKey: string; host: string }) {
  const template = readFileSync(`${publicDir}index.html`, 'utf8');
  const page = template.replace('<!-- uptake snippet -->', renderSnippet({ writeKey, host }));
  const { accounts, users } = demoRoster(new Date());
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  // Two staff per clinic keep the switcher short while covering every clinic.
  const staff = users
    .filter((u) => /-u[12]$/.test(u.id))
    .map((u) => {
      const a = accountById.get(u.accountId)!;
      return { ...u, account: { id: a.id, name: a.name, industry: a.industry, plan: a.plan, seats: a.seats, contractStart: a.contractStart, usesReminders: a.usesReminders } };
    });

  const app = new Hono();
  app.get('/users.json', (c) => c.json({ users: staff }));
  app.get('/assets/:file{.+}', (c) => sendFile(c, publicDir, c.req.param('file')));
  app.get('/', (c) => c.html(page));
  for (const name of PAGES) app.get(`/${name}`, (c) => c.html(page));
  return app;
}
