// Builds the OpenAPI 3.1 document from the operation list and the zod schemas, once per process:
// nothing in it depends on the request or the workspace.
import { z } from 'zod';
import { type JsonSchema, type Operation, operations, ref } from './operations.ts';
import { requestSchemas, responseSchemas } from './schemas.ts';

const COMPONENTS = '#/components/schemas/';

/** Any JSON value (`z.json()`), as zod writes it: recursive, so zod cannot inline it. */
const JSON_VALUE = canonical(z.toJSONSchema(z.json()), '#');

/** A schema as text with its references to itself made uniform, to compare it with another. */
function canonical(schema: object, selfRef: string): string {
  return JSON.stringify(rewrite(schema, (ref) => (ref === selfRef ? '#self' : ref)));
}

/**
 * Converts named zod schemas to components. zod puts definitions no name covers (recursive ones,
 * like a JSON value) under `__shared` and points at them with a nested fragment that OpenAPI tools
 * cannot follow: they become components of their own (`JsonValue`, or `InputShared0` …).
 */
function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, { unrepresentable: 'any', uri: (id) => `${COMPONENTS}${id}`, io }).schemas as Record<string, JsonSchema>;
  const { __shared: shared, ...named } = converted;
  const sharedRef = (def: string) => `${COMPONENTS}__shared#/$defs/${def}`;
  const renamed = new Map<string, string>();
  for (const [def, schema] of Object.entries((shared?.$defs ?? {}) as Record<string, JsonSchema>)) {
    const isJsonValue = canonical(schema, sharedRef(def)) === JSON_VALUE;
    renamed.set(sharedRef(def), `${COMPONENTS}${isJsonValue ? 'JsonValue' : `${io === 'input' ? 'Input' : 'Output'}Shared${renamed.size}`}`);
  }
  const all: Record<string, JsonSchema> = { ...named };
  for (const [def, schema] of Object.entries((shared?.$defs ?? {}) as Record<string, JsonSchema>)) {
    all[renamed.get(sharedRef(def))!.slice(COMPONENTS.length)] = schema;
  }
  const out = rewrite(all, (ref) => renamed.get(ref) ?? ref) as Record<string, JsonSchema>;
  // What the API answers may carry more than the stored body (ids, versions: see the allOf in
  // operations.ts), so a response shape must not forbid other properties at its top level.
  if (io === 'output') for (const schema of Object.values(out)) delete schema.additionalProperties;
  return out;
}

/** Copies JSON, dropping `$schema` and `$id` (the document sets the dialect) and mapping every `$ref`. */
function rewrite(value: unknown, mapRef: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, mapRef));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] = key === '$ref' && typeof inner === 'string' ? mapRef(inner) : rewrite(inner, mapRef);
  }
  return out;
}

/** Query parameters from the route's zod object: one per property, arrays as `a,b,c`. */
function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      ...(rest.type === 'array' ? { style: 'form', explode: false } : {}),
      schema: rest,
    };
  });
}

/** `/api/v1/accounts/:id` → `/api/v1/accounts/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function pathParameters(op: Operation): JsonSchema[] {
  return [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    ...(op.params?.[name!] ? { description: op.params[name!] } : {}),
    schema: { type: 'string' },
  }));
}

const AUTH_ERRORS = {
  secret: ['missing_secret_key', 'wrong_key_kind', 'invalid_secret_key', 'not_signed_in'],
  session: ['not_signed_in'],
  write: ['missing_write_key', 'wrong_key_kind', 'invalid_write_key'],
  none: [],
} as const;

/** Errors many operations share, kept once under components/responses. */
const SHARED_ERRORS: Record<string, readonly string[]> = {
  SecretKeyRejected: AUTH_ERRORS.secret,
  WriteKeyRejected: AUTH_ERRORS.write,
  BodyTooLarge: ['body_too_large'],
  UnsupportedMediaType: ['unsupported_media_type'],
  InternalError: ['internal_error'],
};

/** Every error an operation can answer with, by status: its own, plus those of its key, its body and the server. */
function errorCodes(op: Operation): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  const add = (status: number, codes: readonly string[]) => codes.length && byStatus.set(status, [...(byStatus.get(status) ?? []), ...codes]);
  if (op.body) {
    add(400, ['empty_body', 'invalid_json', 'forbidden_key']);
    add(413, SHARED_ERRORS.BodyTooLarge!);
    add(415, SHARED_ERRORS.UnsupportedMediaType!);
  }
  for (const [status, codes] of Object.entries(op.errors ?? {})) add(Number(status), codes);
  add(401, AUTH_ERRORS[op.auth]);
  // A console session is refused across sites and, for a viewer, on any change.
  if (op.auth === 'secret' || op.auth === 'session') add(403, ['csrf_failed']);
  if (op.auth === 'secret' && op.method !== 'get') add(403, ['forbidden_for_role']);
  add(500, SHARED_ERRORS.InternalError!);
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/** The error envelope, with `code` narrowed to the codes this response can carry. */
function errorResponse(codes: readonly string[]): JsonSchema {
  return {
    description: codes.map((code) => `\`${code}\``).join(', '),
    content: {
      'application/json': {
        schema: { allOf: [ref('Error'), { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } }] },
      },
    },
  };
}

function errorResponseOrRef(codes: string[]): JsonSchema {
  const shared = Object.entries(SHARED_ERRORS).find(([, known]) => known.join() === codes.join());
  return shared ? { $ref: `#/components/responses/${shared[0]}` } : errorResponse(codes);
}

function security(op: Operation): JsonSchema[] {
  if (op.auth === 'secret') return [{ secretKey: [] }, { consoleSession: [] }];
  if (op.auth === 'session') return [{ consoleSession: [] }];
  if (op.auth === 'write') return [{ writeKey: [] }, ...(op.method === 'get' ? [{ writeKeyQuery: [] }] : [])];
  return [];
}

function headerParameters(op: Operation): JsonSchema[] {
  return Object.entries(op.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } }));
}

function operationObject(op: Operation): JsonSchema {
  const parameters = [...pathParameters(op), ...headerParameters(op), ...(op.query ? queryParameters(op.query) : [])];
  const { reply } = op;
  const success: JsonSchema = { description: reply.description };
  if (reply.status !== 204) success.content = { [reply.contentType ?? 'application/json']: { schema: reply.schema ?? { type: 'object' } } };
  const responses: JsonSchema = { [reply.status]: success };
  for (const [status, codes] of errorCodes(op)) responses[status] = errorResponseOrRef(codes);
  return {
    operationId: `${op.method}${openApiPath(op.path).replace(/^\/(api\/)?v1/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: security(op),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: `${COMPONENTS}${op.body}` } },
              // Browsers send JSON as text/plain so that no CORS preflight is needed.
              ...(op.auth === 'write' ? { 'text/plain': { schema: { $ref: `${COMPONENTS}${op.body}` } } } : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

function buildDocument() {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[openApiPath(op.path)] ??= {})[op.method] = operationObject(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Uptake API',
      version: '1',
      description: 'Tracking and guidance for web pages (`/v1`, write key) and the admin API for CS teams (`/api/v1`, secret key or a console session). Every error answers `{"error":{"code","message","status"}}`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...components(requestSchemas, 'input'), ...components(responseSchemas, 'output') },
      responses: Object.fromEntries(Object.entries(SHARED_ERRORS).map(([name, codes]) => [name, errorResponse(codes)])),
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'The workspace\'s secret key (sk_…). Never put it in a web page.' },
        writeKey: { type: 'apiKey', in: 'header', name: 'X-Uptake-Key', description: 'The workspace\'s public write key (wk_…); may instead be sent as "writeKey" in the JSON body.' },
        writeKeyQuery: { type: 'apiKey', in: 'query', name: 'writeKey', description: 'The write key as a query parameter, for simple GETs from web pages.' },
        consoleSession: {
          type: 'apiKey', in: 'cookie', name: 'uptake_session',
          description: 'A console user\'s session, set by POST /api/v1/session. Every request that is not GET or HEAD must also send the session\'s csrfToken as X-CSRF-Token. The user\'s role limits what it may do: viewers only read; editors may not manage console users, keys or workspace settings.',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;

let cached: { document: OpenApiDocument; json: string } | undefined;

/** The document and its serialized form, built on first use. */
export function openApiDocument() {
  cached ??= (() => {
    const document = buildDocument();
    return { document, json: JSON.stringify(document) };
  })();
  return cached;
}
