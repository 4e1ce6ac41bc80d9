// Reads a JSON body sent as application/json or text/plain. Browsers send text/plain so that
// no CORS preflight is needed (a preflight cannot finish while a page unloads).
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, invalid } from '../errors.ts';

const ACCEPTED = /^(application\/json|text\/plain)\s*(;|$)/i;
/** Default largest body, in bytes, for endpoints that name no limit. */
export const DEFAULT_MAX_BODY = 1024 * 1024;

/** `__proto__` keys are refused outright: merging them anywhere could change prototypes. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new ApiError(400, 'forbidden_key', 'the key "__proto__" is not allowed');
  return value;
}

/**
 * A key can only parse to `__proto__` if the text spells it out or escapes some of its letters,
 * so text with neither parses without the reviver, which would triple the cost of JSON.parse.
 */
const mayHoldProtoKey = (text: string) => text.includes('__proto__') || text.includes('\\u');

const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'body_too_large', `the body is over ${Math.round(maxBytes / 1024)} KB; send less per request`);

/** Reads at most `maxBytes`, refusing more as soon as it is seen, without buffering it all. */
async function readText(c: Context, maxBytes: number): Promise<string> {
  const length = c.req.header('content-length');
  if (length !== undefined) {
    if (Number(length) > maxBytes) throw tooLarge(maxBytes);
    // The declared length bounds what the HTTP parser will read, so the fast path is safe.
    return c.req.text();
  }
  // Chunked bodies declare no length: read them piece by piece and stop at the limit.
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The body as JSON, not yet checked against any schema: content type, size and syntax only. */
export async function readJson(c: Context, maxBytes = DEFAULT_MAX_BODY): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type && !ACCEPTED.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `send the body as application/json or text/plain, not ${type.slice(0, 100)}`);
  }
  const text = await readText(c, maxBytes);
  if (!text.trim()) throw new ApiError(400, 'empty_body', 'the request body is empty; send a JSON object');
  try {
    return mayHoldProtoKey(text) ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S, code: string, maxBytes = DEFAULT_MAX_BODY): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(c, maxBytes));
  if (!parsed.success) throw invalid(code, parsed.error);
  return parsed.data;
}
