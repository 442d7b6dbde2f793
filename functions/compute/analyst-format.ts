import { spreadsheetSafe } from './spreadsheet-safe.ts';

/** How `scorecard sql` prints a result. */
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: unknown): value is OutputFormat {
  return typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** A value as JSON can hold it: bigints as numbers when exact, else as text. */
function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' || typeof value === 'bigint') {
    const json = jsonValue(value);
    return typeof json === 'string' ? json : JSON.stringify(json);
  }
  return String(value);
}

function csvField(raw: string | null): string {
  if (raw === null) return '';
  const value = spreadsheetSafe(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function table(columns: string[], rows: Record<string, unknown>[]): string {
  const cells = rows.map((row) => columns.map((c) => text(row[c]) ?? 'NULL'));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  const footer = `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
  if (columns.length === 0) return `${footer}\n`;
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line), footer].join('\n') + '\n';
}

/**
 * A query result as text: an aligned table for people (NULL written out), CSV
 * with a header (NULL as an empty field) or a JSON array of row objects.
 *
 * @example
 * formatRows(['kpi', 'value'], [{ kpi: 'bookings', value: 9700 }], 'csv'); // 'kpi,value\nbookings,9700\n'
 */
export function formatRows(columns: string[], rows: Record<string, unknown>[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(rows.map(jsonValue), null, 2) + '\n';
  if (format === 'csv') {
    return [columns, ...rows.map((row) => columns.map((c) => text(row[c])))]
      .map((r) => r.map(csvField).join(','))
      .join('\n')
      .concat('\n');
  }
  return table(columns, rows);
}
