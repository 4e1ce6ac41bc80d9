// What the ingest route keeps of a batch's problems for the console's "Refused events" list:
// rejected events, events that enforce mode would reject (report mode), and browser queues that
// overflowed. One batch's worth per workspace per second per server process at most, so a page
// stuck sending bad events cannot turn every request into a second write.
import type { ApiError } from '../errors.ts';
import type { RejectedEvent } from '../protocol/events.ts';
import type { IngestProblem } from '../store/store.ts';

const PER_BATCH = 20;
const INTERVAL_MS = 1000;
const lastRecorded = new Map<string, number>();

/** Whether this workspace's problems may be recorded now; if so, the next may in a second. */
export function mayRecordProblems(workspaceId: string, nowMs: number): boolean {
  if (nowMs - (lastRecorded.get(workspaceId) ?? -Infinity) < INTERVAL_MS) return false;
  lastRecorded.set(workspaceId, nowMs);
  return true;
}

const text = (value: unknown, max = 200) => (typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null);

/** Who and what an event is, read from the raw value as sent (it may not have passed validation). */
function describe(raw: unknown): Pick<IngestProblem, 'visitor' | 'event'> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { visitor: null, event: null };
  const fields = raw as Record<string, unknown>;
  const type = text(fields.type, 20);
  const name = text(fields.event) ?? text(fields.name);
  return { visitor: text(fields.userId) ?? text(fields.anonymousId), event: type ? [type, name].filter(Boolean).join(' ') : name };
}

export function ingestProblems(
  at: string,
  batch: readonly unknown[],
  refused: readonly RejectedEvent[],
  dropped: number | undefined,
): IngestProblem[] {
  const problems: IngestProblem[] = [...refused]
    .sort((a, b) => a.index - b.index)
    .slice(0, PER_BATCH)
    .map(({ index, code, message, path }) => ({ at, code, message, path, ...describe(batch[index]) }));
  if (dropped) {
    problems.push({
      at, code: 'queue_overflow', path: null, visitor: null, event: null,
      message: `a browser dropped ${dropped} event(s): its queue was full while it could not reach the server`,
    });
  }
  // Lists show the newest first: stored last to first, a batch's problems still read in its order.
  return problems.reverse();
}

/** A request refused before any event in it could be read: no place in a batch, no visitor. */
export function refusedBody(at: string, error: ApiError): IngestProblem {
  return { at, code: error.code, message: `the whole request was refused (HTTP ${error.status}): ${error.message}`, path: null, visitor: null, event: null };
}
