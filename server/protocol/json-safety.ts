// Checks JSON from clients for what zod's types do not catch but storage and consumers choke
// on: nesting deeper than anyone needs, NUL characters (PostgreSQL text cannot hold them) and
// lone UTF-16 surrogates (not valid Unicode; they break UTF-8 encoders downstream).

/** Deepest nesting accepted inside an event (the envelope itself uses 3 levels). */
export const MAX_JSON_DEPTH = 12;

export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

function badString(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (!text.isWellFormed()) return 'contains a lone surrogate (invalid Unicode)';
  return null;
}

export function findJsonProblem(value: unknown, path: (string | number)[] = [], depth = 0): JsonProblem | null {
  if (typeof value === 'string') {
    const problem = badString(value);
    return problem ? { path, message: problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) return { path, message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (typeof key === 'string') {
      const problem = badString(key);
      if (problem) return { path, message: `a key ${problem}` };
    }
    const found = findJsonProblem(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
