/**
 * RFC 4180 writing: a field is quoted when it holds a comma, a quote or a
 * line break, quotes are doubled, records end with `\n`. An empty field is
 * NULL.
 *
 * @example
 * csvRow(['Siam "Smart" Solutions, Ltd.', 12.5, true, null]);
 * // '"Siam ""Smart"" Solutions, Ltd.",12.5,true,\n'
 */
export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvField(cells[i]);
  }
  return line + '\n';
}

/** Whole cents as a plain decimal: 1234500 → '12345', 104890 → '1048.9'. */
export function money(cents: number): string {
  if (cents % 100 === 0) return String(cents / 100);
  return String(Math.round(cents) / 100);
}
