/**
 * SQLite calls block the event loop, so a long recompute hands it back between slices and
 * batches: requests (decide, ingest) wait for one slice at most, not for the whole run.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
