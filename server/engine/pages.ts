// Page rules: on which pages a campaign may appear. Patterns match the URL's path.
import { matchesPathPattern } from '../protocol/path-pattern.ts';
import type { PageRules } from '../protocol/campaign.ts';

export function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return '/';
  }
}

export function matchesPage(rules: PageRules, url: string): boolean {
  const path = pathOf(url);
  if (rules.exclude.some((p) => matchesPathPattern(p, path))) return false;
  return rules.include.length === 0 || rules.include.some((p) => matchesPathPattern(p, path));
}
