// The SDK never throws into the host page; it logs once per problem, with a likely cause.
const said = new Set<string>();

export function warnOnce(code: string, message: string): void {
  if (said.has(code)) return;
  said.add(code);
  try {
    console.warn(`[uptake] ${message}`);
  } catch {
    // A host page may have replaced console; there is nowhere else to report.
  }
}

/** Wraps a public method so a bug of ours can never break the host page. */
export function guarded<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (error) {
      warnOnce(`throw:${name}`, `uptake.${name}() failed: ${(error as Error)?.message ?? error}`);
      return undefined;
    }
  };
}
