// Editing a definition in place: immutable updates by path, and the path written the way the
// server names fields in its errors ("stages[1].user[0].breadth.atLeast").
export type Path = readonly (string | number)[];

export function pathText(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** A copy of `value` with `next` at `path`; untouched branches are shared. */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (!path.length) return next as T;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setIn(copy[head as number], rest, next);
    return copy as T;
  }
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head!]: setIn(object[head as string], rest, next) } as T;
}

export function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, part) => (v === null || v === undefined ? undefined : (v as Record<string | number, unknown>)[part]), value);
}

/** Without the version bookkeeping the server adds, so a stored definition can be sent back as input. */
export function withoutVersion<T extends { version?: number; updatedAt?: string; updatedBy?: string }>(stored: T): Omit<T, 'version' | 'updatedAt' | 'updatedBy'> {
  const { version: _v, updatedAt: _a, updatedBy: _b, ...input } = stored;
  return input;
}

/** Segment values typed as text: numbers and true/false become what they look like. */
export function parseScalar(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}
