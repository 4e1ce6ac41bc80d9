// Which accounts a CS team is looking at: the filters of the accounts list, as one WHERE clause
// over account_metrics, so the list, the CSV, the tier matrix and the scatter always agree.

export interface AccountSelection {
  stage?: string[];
  health?: ('green' | 'yellow' | 'red' | 'unknown')[];
  seatTier?: string[];
  tenureTier?: string[];
  contact?: ('recent' | 'stale')[];
  journey?: string[];
  /** Part of the name or id, any case. */
  q?: string;
}

/** The WHERE clause and its parameters: each filter narrows, the values within one filter widen. */
export function accountWhere(ws: string, f: AccountSelection): [string, unknown[]] {
  const clauses = ['workspace_id = ?'];
  const params: unknown[] = [ws];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  anyOf('stage', f.stage);
  anyOf('seat_tier', f.seatTier);
  anyOf('tenure_tier', f.tenureTier);
  anyOf('contact', f.contact);
  anyOf('journey', f.journey);
  if (f.health?.length) {
    const colours = f.health.filter((h) => h !== 'unknown');
    const parts = colours.length ? [`health_colour IN (${colours.map(() => '?').join(', ')})`] : [];
    if (f.health.includes('unknown')) parts.push('health_colour IS NULL');
    clauses.push(`(${parts.join(' OR ')})`);
    params.push(...colours);
  }
  if (f.q) {
    clauses.push('(lower(name) LIKE ? OR lower(account_id) LIKE ?)');
    const like = `%${f.q.toLowerCase().replace(/[%_]/g, '')}%`;
    params.push(like, like);
  }
  return [clauses.join(' AND '), params];
}
