// Page rules: on which pages a campaign may appear. Patterns match the URL's path.
import { matchesPathPattern } from '../protocol/path-pattern.ts';
import type { PageRules } from '../protocol/campaign.ts';

// One decision checks the same URL against every campaign's page rules: parse it once.
let lastUrl = '';
let lastPath = '/';

export function pathOf(url: string): string {
  if (url === lastUrl) return lastPath;
  let path = '/';
  try {
    path = new URL(url, 'http://x').pathname;
  } catch {
    // Not a URL: no page rule with a path can match it, so "/" stands in.
  }
  lastUrl = url;
  lastPath = path;
  return path;
}

// Campaigns share a few patterns ("/app/*"): each is tested once per path.
let matchedPath = '';
let matched = new Map<string, boolean>();

function matchesOnPath(pattern: string, path: string): boolean {
  if (path !== matchedPath) {
    matchedPath = path;
    matched = new Map();
  }
  let result = matched.get(pattern);
  if (result === undefined) matched.set(pattern, (result = matchesPathPattern(pattern, path)));
  return result;
}

function matchesAny(patterns: readonly string[], path: string): boolean {
  for (const pattern of patterns) if (matchesOnPath(pattern, path)) return true;
  return false;
}

// Plain loops, not some() with a closure: a decision asks this of every campaign.
export function matchesPage(rules: PageRules, url: string): boolean {
  const path = pathOf(url);
  if (matchesAny(rules.exclude, path)) return false;
  return rules.include.length === 0 || matchesAny(rules.include, path);
}
