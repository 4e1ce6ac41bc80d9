// Browser assets: the SDK (loaded by customers' pages from any origin) and the console.
import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { consoleDir, distDir } from '../paths.ts';
import { sendFile } from './static-files.ts';

export function sdkAssetRoutes() {
  return new Hono()
    .use(compress())
    .get('/:file{.+\\.js}', (c) => sendFile(c, join(distDir, 'sdk'), c.req.param('file'), { crossOrigin: true, cacheControl: 'public, max-age=300' }));
}

export function consoleRoutes() {
  return new Hono()
    .use(compress())
    .get('/assets/:file{.+}', (c) => sendFile(c, join(distDir, 'console'), c.req.param('file')))
    // Every other path is a client-side route of the single-page app.
    .get('*', (c) => sendFile(c, consoleDir, 'index.html'));
}
