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

// Every event of every batch is walked, so the walk allocates nothing unless it finds a problem:
// the path is built on the way back out.
export function findJsonProblem(value: unknown, depth = 0): JsonProblem | null {
  if (typeof value === 'string') {
    const problem = badString(value);
    return problem ? { path: [], message: problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) return { path: [], message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findJsonProblem(value[i], depth + 1);
      if (found) return { path: [i, ...found.path], message: found.message };
    }
    return null;
  }
  for (const key in value) {
    const problem = badString(key);
    if (problem) return { path: [], message: `a key ${problem}` };
    const found = findJsonProblem((value as Record<string, unknown>)[key], depth + 1);
    if (found) return { path: [key, ...found.path], message: found.message };
  }
  return null;
}
