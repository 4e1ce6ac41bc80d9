// Errors users see: a stable code, a message that names the field, and the HTTP status.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorEnvelope } from './protocol/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toJSON(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, status: this.status } };
  }
}

/** Formats a zod path the way users read it: `batch[3].timestamp`. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

type Issue = ZodError['issues'][number];

/**
 * A union reports only "Invalid input"; the useful message is inside the branch that got
 * furthest (its issue has the longest path), so we descend into it.
 */
function mostSpecific(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  // A record reports a refused key only as "Invalid key in record"; the key's own check says why.
  if (issue.code === 'invalid_key' && issue.issues.length) return { path, message: issue.issues[0]!.message };
  if (issue.code === 'invalid_union' && issue.errors.length) {
    const candidates = issue.errors.flat().map((inner) => mostSpecific(inner, path));
    const best = candidates.sort((a, b) => b.path.length - a.path.length)[0];
    if (best && best.path.length > path.length) return best;
  }
  return { path, message: issue.message };
}

/** The first issue of a zod error as "path: message". */
export function describeZodError(error: ZodError, root = ''): { path: string; message: string } {
  const issue = mostSpecific(error.issues[0]!);
  const path = formatPath(issue.path, root);
  return { path, message: path ? `${path}: ${issue.message}` : issue.message };
}

export function invalid(code: string, error: ZodError, root = ''): ApiError {
  return new ApiError(400, code, describeZodError(error, root).message);
}
