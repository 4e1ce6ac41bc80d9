// GET /api/v1/openapi.json: the API's OpenAPI document. Open to anyone, like any API's docs:
// it holds no workspace data, and API clients fetch it before they have a key.
import { Hono } from 'hono';
import { openApiDocument } from './document.ts';

export function openApiRoutes() {
  return new Hono().get('/openapi.json', (c) =>
    c.body(openApiDocument().json, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      // Documentation viewers on other origins (Swagger UI, Redoc) read it from the browser.
      'Access-Control-Allow-Origin': '*',
    }),
  );
}
