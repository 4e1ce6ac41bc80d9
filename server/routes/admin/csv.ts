// CSV as spreadsheets read it: RFC 4180 quoting, CRLF lines, and no cell a spreadsheet would run.
import type { Context } from 'hono';

/** One column: its header and how a row gives its value. */
export type CsvColumn<Row> = readonly [name: string, value: (row: Row) => unknown];

/** RFC 4180 quoting; a leading = + - @ is prefixed so spreadsheets never run a cell as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = <Row>(columns: readonly CsvColumn<Row>[]): string => columns.map(([name]) => name).join(',');

export const csvLine = <Row>(columns: readonly CsvColumn<Row>[], row: Row): string => columns.map(([, value]) => csvCell(value(row))).join(',');

/** The lines as a download named `filename`. */
export function csvResponse(c: Context, lines: readonly string[], filename: string): Response {
  return c.body(`${lines.join('\r\n')}\r\n`, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}
