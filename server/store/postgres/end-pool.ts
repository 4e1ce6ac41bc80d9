// Closing a pg pool for good. pool.end() resolves as soon as it has asked each connection to
// close, not when they have: a caller that then drops the database (or exits) would race the
// goodbyes. This waits for every connection's own end.
import type pg from 'pg';

export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      if (--open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}
