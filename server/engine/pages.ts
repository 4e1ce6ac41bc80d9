// Page rules: on which pages a campaign may appear. Patterns match the URL's path;
// `*` matches any run of characters, so `/settings/*` covers every settings page.
import type { PageRules } from '../protocol/campaign.ts';

const compiled = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}/?$`);
    compiled.set(pattern, re);
  }
  return re;
}

export function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return '/';
  }
}

export function matchesPage(rules: PageRules, url: string): boolean {
  const path = pathOf(url);
  if (rules.exclude.some((p) => toRegExp(p).test(path))) return false;
  return rules.include.length === 0 || rules.include.some((p) => toRegExp(p).test(path));
}
