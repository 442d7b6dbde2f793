import type { ColumnType } from '../lake/raw-tables.ts';

/** What a field of the header holds, for the fast path: a canonical type, or anything (a column no table uses). */
export type FieldKind = ColumnType | 'any';

// Character classes never admit a line break, a NUL or a stray carriage
// return: such lines take the careful path. Every pattern is unambiguous
// (one way to match a given text), so that a line that does not match
// fails in linear time instead of backtracking through every split.
const UNQUOTED = '[^,"\\r\\n\\0]';
const QUOTED_CHAR = '(?:[^"\\n\\0]|"")';
/** ASCII white space that stays on the line (other white space takes the careful path) */
const SPACE = '[ \\t\\v\\f]';
/**
 * A byte that starts a character that is surely not white space: visible
 * ASCII but `,` and `"`, or the first byte of a UTF-8 sequence that no
 * Unicode white space starts with (those start with C2, E1, E2, E3 or EF).
 */
const VISIBLE = '!#-+\\--~\\xc3-\\xe0\\xe4-\\xee\\xf0-\\xf4';

/** A calendar day; 29 February is left to the careful path, which knows leap years. */
const DATE =
  '(?!0000)\\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d';

/**
 * Values that the converters of values.ts return unchanged (so DuckDB reads
 * the export's own text the same way), by type; each may also be empty.
 */
const TYPED: Record<Exclude<ColumnType, 'varchar'>, string> = {
  boolean: '(?:true|false|TRUE|FALSE|True|False|1|0)',
  double: '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,3})?',
  date: DATE,
  timestamp: `${DATE}(?:T${TIME}\\.\\d{3}Z| ${TIME}(?:\\.\\d{1,6})?)`,
};

function fieldPattern(kind: FieldKind, key: boolean): string {
  if (kind === 'any') return `(?:"${QUOTED_CHAR}*"|${UNQUOTED}*)`;
  if (kind === 'varchar') {
    // a value with something besides white space (white space alone is NULL, which DuckDB would not know)
    const unquoted = `${SPACE}*[${VISIBLE}]${UNQUOTED}*`;
    const quoted = `"${SPACE}*(?:[${VISIBLE},]|"")${QUOTED_CHAR}*"`;
    return key ? `(?:${quoted}|${unquoted})` : `(?:${quoted}|""|${unquoted}|)`;
  }
  const value = TYPED[kind];
  return key ? `(?:"${value}"|${value})` : `(?:"${value}"|""|${value}|)`;
}

/**
 * A sticky regular expression that matches one whole line of a CSV export
 * in byte text (see byte-text.ts; its line break included) when every field of it is already in the form
 * ingest would convert it to, keys are not empty and nothing needs a second
 * look. Such lines, the vast majority of a clean export, are accepted
 * without splitting them into fields; a line it does not match goes through
 * the field-by-field path, which finds what is wrong or converts it. It must
 * therefore never match a line that path would change or quarantine.
 *
 * @example
 * const re = fastLinePattern(['varchar', 'date'], [true, false]);
 * re.lastIndex = 0; re.test('A1,2026-03-04\n'); // true
 * re.lastIndex = 0; re.test('A1,2026-02-30\n'); // false: not a day
 */
export function fastLinePattern(kinds: readonly FieldKind[], keys: readonly boolean[]): RegExp {
  const fields = kinds.map((kind, i) => fieldPattern(kind, keys[i] ?? false));
  return new RegExp(`${fields.join(',')}\\r?\\n`, 'y');
}
