// Serves files from one directory. Paths are resolved and checked to stay inside it.
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticOptions {
  /** Allow any page to load these files (SDK assets are loaded cross-origin). Default false. */
  crossOrigin?: boolean;
  /** Cache-Control header. Default 'no-cache' (revalidate every time). */
  cacheControl?: string;
}

export async function sendFile(c: Context, dir: string, relative: string, options: StaticOptions = {}): Promise<Response> {
  const root = resolve(dir);
  const file = resolve(join(root, relative));
  if (!file.startsWith(root + sep)) return c.notFound();
  const type = TYPES[extname(file)];
  if (!type) return c.notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return c.notFound();
  }
  c.header('Content-Type', type);
  c.header('Cache-Control', options.cacheControl ?? 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
  if (options.crossOrigin) c.header('Access-Control-Allow-Origin', '*');
  return c.body(new Uint8Array(body));
}
