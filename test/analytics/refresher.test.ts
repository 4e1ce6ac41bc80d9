// The refresher runs one thing at a time: work asked to run alone (an erasure) waits for the run in
// progress, and runs asked for meanwhile wait for it, so no run reads a person before an erasure
// and writes their metrics back after it.
import { afterEach, describe, expect, it } from 'vitest';
import { refresherFor } from '../../server/analytics/refresher.ts';
import { appFixture, groupEvent, trackEvent } from '../server/app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>> | undefined;
afterEach(async () => f?.close());

describe('the refresher', () => {
  it('runs exclusive work between runs, never beside one', async () => {
    f = await appFixture();
    await f.batch([groupEvent(), trackEvent({ event: 'Reminder Scheduled' })]);
    const refresher = refresherFor(f.store);
    const log: string[] = [];
    const running = refresher.recompute({ workspaceId: f.workspace.id }).then(() => log.push('recompute done'));
    const alone = refresher.exclusive(async () => {
      log.push('exclusive start');
      await new Promise((resolve) => setTimeout(resolve, 30));
      log.push('exclusive end');
      return 42;
    });
    const after = refresher.fresh().then(() => log.push('fresh done'));
    expect(await alone).toBe(42);
    await Promise.all([running, after]);
    expect(log).toEqual(['recompute done', 'exclusive start', 'exclusive end', 'fresh done']);
  });
});
