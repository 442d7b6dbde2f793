/** What a spreadsheet reads as the start of a formula (`=`, `+`, `-`, `@`) or skips past to find one (tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A text cell for CSV that a spreadsheet will show, never run: names and
 * notes come from CRM exports, and `=HYPERLINK(…)` in an account name must
 * stay text. A leading `'` makes Excel, LibreOffice and Google Sheets take
 * the cell as text. Plain numbers (`-12.5`) are left alone.
 *
 * @example
 * spreadsheetSafe('=1+1')  // "'=1+1"
 * spreadsheetSafe('-12.5') // '-12.5'
 */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
