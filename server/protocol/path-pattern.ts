// Path patterns shared by page rules (server) and no-code URL feature rules (SDK): `*` matches
// any run of characters, a trailing slash is ignored. This file imports nothing, so the SDK may
// import it without pulling in zod — the one place the matching semantics are defined.
const compiled = new Map<string, RegExp>();

export function pathPatternToRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body.replace(/\/$/, '')}/?$`);
    compiled.set(pattern, re);
  }
  return re;
}

export function matchesPathPattern(pattern: string, path: string): boolean {
  return pathPatternToRegExp(pattern).test(path);
}
