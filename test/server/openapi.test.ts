// The OpenAPI document at /api/v1/openapi.json: served to anyone, shaped as OpenAPI 3.1, generated
// from the same zod schemas the routes validate with, and covering exactly the routes the app has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument, openApiPath } from '../../server/openapi/document.ts';
import { healthInput, touchInput } from '../../server/protocol/analytics.ts';
import { accountQuery } from '../../server/routes/admin/accounts.ts';
import { appFixture } from './app-fixture.ts';

type Fixture = Awaited<ReturnType<typeof appFixture>>;
type Json = Record<string, any>;

let fx: Fixture;
let doc: Json;
beforeAll(async () => {
  fx = await appFixture();
  doc = await (await fx.request('GET', '/api/v1/openapi.json')).json();
});
afterAll(() => fx.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** `METHOD /path/:param` for every operation in the document. */
const documented = (document: Json) =>
  Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
/** The JSON Schema zod writes for a request body, as the document embeds it. */
const inputJsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

describe('GET /api/v1/openapi.json', () => {
  it('is served without any key, as JSON anyone may read', async () => {
    const res = await fx.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual(doc);
  });

  it('is an OpenAPI 3.1 document with info, paths, schemas and both kinds of key', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Uptake API', version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(doc.components.securitySchemes.secretKey).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.components.securitySchemes.writeKey).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Uptake-Key' }));
    expect(doc.components.schemas.Error).toMatchObject({ properties: { error: { required: ['code', 'message', 'status'] } } });
  });

  it('documents every route the app registers, and no route it does not have', () => {
    const registered = fx.app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/' && !/^\/(sdk|console|demo)(\/|$)/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
    const inDocument = documented(doc);
    // Named lists, so a failure says which route lacks docs or which docs lack a route.
    expect({ undocumented: registered.filter((r) => !inDocument.includes(r)) }).toEqual({ undocumented: [] });
    expect({ noSuchRoute: inDocument.filter((r) => !registered.includes(r)) }).toEqual({ noSuchRoute: [] });
  });

  it('resolves every $ref to a component the document defines', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map(([, ref]) => ref!);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/([A-Za-z0-9]+)$/.exec(ref) ?? [];
      expect(section && doc.components[section][name!], ref).toBeDefined();
    }
  });

  it('gives every operation a unique id, a summary, its path parameters and a success response', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        expect(ids.has(op.operationId), `${method} ${path}: duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(op.summary).toBeTruthy();
        const params = (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name);
        expect(params).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name));
        expect(Object.keys(op.responses).some((status) => status.startsWith('2'))).toBe(true);
      }
    }
  });

  it('describes the touch and the health definition with exactly the JSON Schema of their zod schemas', () => {
    const touch = doc.paths['/api/v1/accounts/{id}/touches'].post;
    expect(touch.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TouchInput' });
    expect(doc.components.schemas.TouchInput).toEqual(inputJsonSchema(touchInput));
    // Input side: a field with a default may be left out.
    expect(doc.components.schemas.TouchInput.required).toEqual(['channel']);

    const health = doc.paths['/api/v1/health'].put;
    expect(health.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HealthInput' });
    expect(doc.components.schemas.HealthInput).toEqual(inputJsonSchema(healthInput));
  });

  it('tells API clients how a selector reaches into web components, for anchors and click rules alike', () => {
    for (const schema of ['CampaignInput', 'FeatureInput']) {
      expect(JSON.stringify(doc.components.schemas[schema])).toContain('names inner inside the open shadow root of host');
    }
  });

  it('lists the errors a route answers with, on the envelope', () => {
    const touch = doc.paths['/api/v1/accounts/{id}/touches'].post.responses;
    expect(touch['400'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum).toContain('invalid_touch');
    expect(touch['404'].description).toContain('account_not_found');
    expect(touch['401']).toEqual({ $ref: '#/components/responses/SecretKeyRejected' });
    expect(doc.paths['/v1/batch'].post.responses['401']).toEqual({ $ref: '#/components/responses/WriteKeyRejected' });
  });

  it('documents query filters as the route reads them: comma-separated lists the route accepts', async () => {
    const params: Json[] = doc.paths['/api/v1/accounts'].get.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(accountQuery.shape).sort());
    const stage = params.find((p) => p.name === 'stage')!;
    expect(stage).toMatchObject({ in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array' } });
    const health = params.find((p) => p.name === 'health')!;
    const res = await fx.admin('GET', `/api/v1/accounts?stage=onboarded,adopted&health=${health.schema.items.enum.slice(0, 2).join(',')}`);
    expect(res.status).toBe(200);
  });

  it('says which key each operation needs, and the server agrees', async () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const concrete = path.replace(/\{[^}]+\}/g, 'x');
        if (op.security.length === 0) {
          const res = await fx.request(method.toUpperCase(), concrete);
          expect(res.status, `${method} ${path} is documented as open`).not.toBe(401);
        } else if (op.security[0].secretKey) {
          const res = await fx.request(method.toUpperCase(), concrete);
          expect(res.status, `${method} ${path} is documented as needing the secret key`).toBe(401);
          expect((await res.json()).error.code).toBe('missing_secret_key');
        } else if (op.security[0].consoleSession) {
          const res = await fx.request(method.toUpperCase(), concrete);
          expect(res.status, `${method} ${path} is documented as needing a console session`).toBe(401);
          expect((await res.json()).error.code).toBe('not_signed_in');
        } else {
          expect(op.security[0]).toEqual({ writeKey: [] });
          expect(path.startsWith('/v1/')).toBe(true);
        }
      }
    }
  });

  it('is built once: later requests get the same document', async () => {
    expect(openApiDocument()).toBe(openApiDocument());
    const again = await (await fx.request('GET', '/api/v1/openapi.json')).text();
    expect(again).toBe(openApiDocument().json);
    expect(openApiPath('/api/v1/webhooks/:id/deliveries')).toBe('/api/v1/webhooks/{id}/deliveries');
  });
});
