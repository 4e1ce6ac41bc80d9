// `npm run size`: gzip sizes of what browsers download, against budgets that only get tighter.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(import.meta.dirname, '../../dist');
const gz = (...files: string[]) => gzipSync(Buffer.concat(files.map((f) => readFileSync(resolve(dist, f)))), { level: 9 }).length;

const rows = [
  { what: 'snippet (loader)', bytes: gz('sdk/loader.js'), budget: 1024 },
  { what: 'first-load SDK (loader + core + guide)', bytes: gz('sdk/loader.js') + gz('sdk/uptake.js'), budget: 8 * 1024 },
  { what: 'widgets chunk (lazy; Lit + floating-ui)', bytes: gz('sdk/widgets.js'), budget: 25 * 1024 },
  { what: 'console', bytes: gz('console/console.js'), budget: 60 * 1024 },
];

let over = 0;
console.log('gzip -9 sizes');
for (const { what, bytes, budget } of rows) {
  const ok = bytes <= budget;
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'OVER'}  ${what.padEnd(42)} ${bytes.toLocaleString('en').padStart(7)} B   budget ${budget.toLocaleString('en').padStart(6)} B  (${Math.round((bytes / budget) * 100)}%)`);
}
if (over) {
  console.error(`${over} bundle(s) over budget`);
  process.exit(1);
}
