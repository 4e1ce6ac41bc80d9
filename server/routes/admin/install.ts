// /api/v1/install: the workspace's keys and the snippet to paste, as the console shows them, and
// where the snippet already runs: the hosts and SDK versions of the latest events, so a product
// team sees at a glance that tracking arrives from the pages it expects (and from no others).
import { Hono } from 'hono';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { renderSnippet } from '../../snippet.ts';
import { fromJson, type SqlDb } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';

/** How many of the latest events the summary reads: recent enough to mean "now". */
export const SOURCES_SCAN = 1000;

export interface TrackingSource {
  name: string;
  events: number;
  lastAt: string;
}

export interface TrackingSummary {
  /** When the latest event was received; null before the first. */
  lastReceivedAt: string | null;
  /** Hosts of the pages events came from (events without a page URL, from servers, count as "no page"). */
  hosts: TrackingSource[];
  /** SDKs and their versions ("uptake-js 0.1.0"). */
  libraries: TrackingSource[];
}

interface Context {
  page?: { url?: unknown };
  library?: { name?: unknown; version?: unknown };
}

function hostOf(url: unknown): string {
  if (typeof url !== 'string') return 'no page';
  try {
    return new URL(url).host || 'no page';
  } catch {
    return 'no page';
  }
}

const libraryOf = (library: Context['library']) =>
  typeof library?.name === 'string' ? `${library.name}${typeof library.version === 'string' ? ` ${library.version}` : ''}` : 'unknown library';

export async function trackingSummary(sql: SqlDb, ws: string): Promise<TrackingSummary> {
  const rows = await sql.all<{ context: unknown; received_at: string }>(
    `SELECT context, received_at FROM events WHERE workspace_id = ? ORDER BY seq DESC LIMIT ${SOURCES_SCAN}`,
    [ws],
  );
  const hosts = new Map<string, TrackingSource>();
  const libraries = new Map<string, TrackingSource>();
  const count = (into: Map<string, TrackingSource>, name: string, at: string) => {
    const source = into.get(name);
    if (!source) into.set(name, { name, events: 1, lastAt: at });
    else {
      source.events++;
      if (at > source.lastAt) source.lastAt = at;
    }
  };
  let lastReceivedAt: string | null = null;
  for (const row of rows) {
    const context = fromJson<Context>(row.context) ?? {};
    count(hosts, hostOf(context.page?.url), row.received_at);
    count(libraries, libraryOf(context.library), row.received_at);
    if (!lastReceivedAt || row.received_at > lastReceivedAt) lastReceivedAt = row.received_at;
  }
  const byEvents = (a: TrackingSource, b: TrackingSource) => b.events - a.events || a.name.localeCompare(b.name);
  return { lastReceivedAt, hosts: [...hosts.values()].sort(byEvents), libraries: [...libraries.values()].sort(byEvents) };
}

export function installRoutes(store: Store, publicUrl: string) {
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const { id, name, writeKey } = c.var.workspace;
    return c.json({
      workspace: { id, name },
      writeKey,
      host: publicUrl,
      snippet: renderSnippet({ writeKey, host: publicUrl }),
      tracking: await trackingSummary(store.sql, id),
    });
  });
}
