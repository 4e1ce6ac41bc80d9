// The decision's clock reading is compared with dozens of timestamps per page view; parsing the
// same ISO string once is enough.
let lastIso = '';
let lastMs = 0;

/** Date.parse, remembering the last string parsed (the decision's "now"). */
export function timeOf(iso: string): number {
  if (iso !== lastIso) {
    lastMs = Date.parse(iso);
    lastIso = iso;
  }
  return lastMs;
}
