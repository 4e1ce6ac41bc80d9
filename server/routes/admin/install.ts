// /api/v1/install: the workspace's keys and the snippet to paste, as the console shows them.
import { Hono } from 'hono';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { renderSnippet } from '../../snippet.ts';

export function installRoutes(publicUrl: string) {
  return new Hono<AuthedEnv>().get('/', (c) => {
    const { id, name, writeKey } = c.var.workspace;
    return c.json({ workspace: { id, name }, writeKey, host: publicUrl, snippet: renderSnippet({ writeKey, host: publicUrl }) });
  });
}
