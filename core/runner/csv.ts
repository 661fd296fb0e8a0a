// RFC 4180 CSV that spreadsheets open safely: quoted where needed, formulas defused, UTF-8 with BOM.

export type CsvCell = string | number | boolean | null | undefined;

/** A cell a spreadsheet would run as a formula (OWASP CSV injection): = + - @, and tab/CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text gets a leading `'`; text with a quote, comma or line break is quoted. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Starts the file: makes Excel read UTF-8 (names like Zürich) correctly. */
export const CSV_BOM = '\uFEFF';

/** One row with its CRLF line end, for writing a file a row at a time. */
export function csvLine(row: readonly CsvCell[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}
