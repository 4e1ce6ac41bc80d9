// Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
// commit crosses the threshold: it copies thousands of pages into the database file and fsyncs,
// which stalls every request queued behind that commit for 100 ms or more. A worker thread with
// its own connection runs PASSIVE checkpoints instead — they never block the writer — so the main
// connection's commits only append to the WAL.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** Stops the worker; the last connection to close then checkpoints what is left. */
  stop(): Promise<void>;
}

// Plain JavaScript evaluated in the worker: it needs only better-sqlite3, resolved from here.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export function startCheckpointer(file: string, intervalMs = 500): Checkpointer {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, sqlite, intervalMs } });
  worker.on('message', (problem) => console.error('[uptake] WAL checkpoint failed:', problem));
  worker.on('error', (error) => console.error('[uptake] WAL checkpointer stopped:', error));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Referenced again while it closes, or a process with nothing else to do would exit before
      // the worker does (and before whatever the caller does next).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
