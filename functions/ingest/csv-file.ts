import { bytesFromText, textFromBytes } from './byte-text.ts';
import { CsvParser, type CsvRecord } from './csv-parser.ts';
import { readText } from './decode.ts';
import { fastLinePattern, type FieldKind } from './fast-line.ts';
import { FileRejectedError } from './errors.ts';
import { LIMITS } from './limits.ts';
import type { CsvMapping, ValueProblem } from './formats/csv-mapping.ts';
import type { SinkLayout } from './parquet.ts';
import { shown, type QuarantineFile } from './quarantine.ts';
import type { RowSink } from './row-sink.ts';
import type { ColumnType } from '../lake/raw-tables.ts';
import { converterFor, expectedForm } from './values.ts';

export interface ReadOptions {
  gzip: boolean;
  encoding: string;
}

/** How the fields of a row are turned into canonical values, worked out from the header. */
interface Plan {
  /**
   * `fields`: the sink holds the file's own fields (converted in place), so
   * that a record needing no conversion is copied as it is; `canonical`: the
   * sink holds the canonical columns (for mappings that join or derive).
   */
  layout: 'fields' | 'canonical';
  /** per canonical column: index of its field in the row, or -1 (optional column not in the file) */
  fields: number[];
  convert: ((text: string) => string | undefined)[];
  /** per canonical column: fields appended to it, space separated */
  appended: number[][];
  /** per canonical column: its value when the file has no field for it */
  fallback: string[];
  /** header name per canonical column, for messages */
  names: string[];
  expected: string[];
  /** per canonical column: a boolean read by the type's converter, whose 1/0/TRUE DuckDB reads alike */
  sameForDuckDb: boolean[];
  keys: number[];
  width: number;
  sink: SinkLayout;
}

/** Boolean spellings that DuckDB's BOOLEAN reads as the contract does: no conversion needed. */
const DUCKDB_BOOLEANS = new Set(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0']);

/** Matches the header row to the mapping; rejects a duplicate or a missing required column. */
function planFor(mapping: CsvMapping, header: string[]): Plan {
  if (header.length > LIMITS.maxColumns) {
    throw new FileRejectedError(
      `the header has ${header.length} columns, more than the ${LIMITS.maxColumns} ingest reads`,
      'export only the fields the contract names (README "Your exports"), or fewer custom fields',
      1,
    );
  }
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const lower = name.trim().toLowerCase();
    if (lower === '') return;
    if (index.has(lower)) {
      throw new FileRejectedError(
        `the header names the column "${name.trim()}" twice (columns ${index.get(lower)! + 1} and ${i + 1})`,
        'remove or rename one of the two columns and send the file again',
        1,
      );
    }
    index.set(lower, i);
  });
  const plan: Plan = {
    layout: 'fields',
    fields: [],
    convert: [],
    appended: [],
    fallback: [],
    names: [],
    expected: [],
    sameForDuckDb: [],
    keys: [],
    width: header.length,
    sink: { types: [], select: [] },
  };
  const missing: string[] = [];
  mapping.columns.forEach((m, c) => {
    const found = m.headers.find((h) => index.has(h.toLowerCase()));
    if (!found && m.required) missing.push(m.headers[0] ?? m.column.name);
    const at = found ? index.get(found.toLowerCase())! : -1;
    plan.fields.push(at);
    plan.appended.push((m.append ?? []).flatMap((h) => index.get(h.toLowerCase()) ?? []));
    plan.fallback.push(m.fallback ?? '');
    const type = m.column.type;
    plan.convert.push(m.convert ?? converterFor(type));
    plan.names.push(at >= 0 ? header[at]!.trim() : (m.headers[0] ?? m.column.name));
    plan.expected.push(m.expected ?? expectedForm(type));
    plan.sameForDuckDb.push(type === 'boolean' && !m.convert);
    if (mapping.table.keys.includes(m.column.name)) plan.keys.push(c);
  });
  if (missing.length > 0) {
    throw new FileRejectedError(
      `the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      `export the file with ${missing.length > 1 ? 'these fields' : 'this field'} (headers are matched ignoring case)`,
      1,
    );
  }
  const used = plan.fields.filter((f) => f >= 0);
  const joins = mapping.derive !== undefined || plan.appended.some((a) => a.length > 0);
  if (joins || new Set(used).size !== used.length) {
    plan.layout = 'canonical';
    plan.sink = {
      types: mapping.columns.map((m) => m.column.type),
      select: mapping.columns.map((_, c) => c),
    };
  } else {
    const types: ColumnType[] = header.map(() => 'varchar');
    mapping.columns.forEach((m, c) => {
      const at = plan.fields[c]!;
      if (at >= 0) types[at] = m.column.type;
    });
    plan.sink = {
      types,
      select: mapping.columns.map((_, c) => {
        const at = plan.fields[c]!;
        return at >= 0 ? at : { constant: plan.fallback[c]! };
      }),
    };
  }
  return plan;
}

/**
 * Reads one CSV export of the contract: every good row goes to `sink`
 * (see Plan.layout), every bad one to `quarantine` with its line, column
 * and reason. Throws FileRejectedError when the file cannot be read as a
 * whole (encoding, broken gzip, open quote at the end, bad header).
 * Returns the records read and how the sink's columns map to the table.
 *
 * @example
 * const { read } = await readCsvFile('/lake/landing/d/crm/User.csv', opts, salesforceMapping('User'), sink, quarantine);
 */
export async function readCsvFile(
  path: string,
  options: ReadOptions,
  mapping: CsvMapping,
  sink: RowSink,
  quarantine: QuarantineFile,
): Promise<{ read: number; layout: SinkLayout }> {
  let plan: Plan | undefined;
  let read = 0;
  const values: string[] = new Array<string>(mapping.columns.length).fill('');
  const parser: CsvParser = new CsvParser((record: CsvRecord) => {
    if (!plan) {
      if (record.error) {
        throw new FileRejectedError(`the header row holds ${record.error}`, 'fix the header row (line 1)', record.line);
      }
      plan = planFor(mapping, record.fields.map(textFromBytes));
      const pattern = fastPathFor(mapping, plan);
      if (pattern) {
        // a clean line is copied to the sink as it is, unsplit
        parser.setFastPath(pattern, (line) => {
          read++;
          sink.writeText(line, parser.fastLineText());
        });
      }
      return;
    }
    read++;
    const problem = rowValues(plan, record, values);
    if (typeof problem === 'object') {
      quarantine.add(record.line, problem.column, problem.reason, textFromBytes(parser.recordText()));
      return;
    }
    mapping.derive?.(values);
    const checked = mapping.check?.(values);
    if (checked) {
      quarantine.add(record.line, checked.column, checked.reason, textFromBytes(parser.recordText()));
      return;
    }
    if (plan.layout === 'canonical') sink.write(record.line, values.map(bytesFromText), record.plain);
    else if (problem === 'unchanged' && record.verbatim) sink.writeText(record.line, parser.recordText());
    else sink.write(record.line, record.fields, record.plain);
  });
  for await (const chunk of readText(path, { ...options, form: 'bytes' })) parser.push(chunk.text, chunk.nul);
  parser.end();
  if (!plan) {
    throw new FileRejectedError('the file is empty: it has no header row', 'send the export with its header row', 1);
  }
  return { read, layout: plan.sink };
}

/**
 * The fast-path pattern of a file (see fast-line.ts), when its mapping
 * allows one: fields layout, no custom converters, no row checks, more than
 * one column (a one-column pattern would take blank lines for records).
 */
function fastPathFor(mapping: CsvMapping, plan: Plan): RegExp | undefined {
  if (plan.layout !== 'fields' || mapping.check || plan.width < 2) return undefined;
  // V8 cannot compile the pattern of a few thousand fields: wide files take the careful path
  if (plan.width > LIMITS.fastPathMaxColumns) return undefined;
  if (mapping.columns.some((m, c) => m.convert && plan.fields[c]! >= 0)) return undefined;
  const kinds: FieldKind[] = new Array<FieldKind>(plan.width).fill('any');
  const keys: boolean[] = new Array<boolean>(plan.width).fill(false);
  mapping.columns.forEach((m, c) => {
    const at = plan.fields[c]!;
    if (at >= 0) kinds[at] = m.column.type;
  });
  for (const c of plan.keys) {
    const at = plan.fields[c]!;
    if (at >= 0) keys[at] = true;
  }
  try {
    return fastLinePattern(kinds, keys);
  } catch {
    // a pattern too large for V8 (e.g. "Stack overflow"): the careful path reads the file alike
    return undefined;
  }
}

/**
 * Fills `values` from a record (and, in the `fields` layout, converts the
 * record's fields in place). Returns what is wrong with the record, or
 * whether any field changed.
 */
function rowValues(plan: Plan, record: CsvRecord, values: string[]): ValueProblem | 'changed' | 'unchanged' {
  if (record.error) return { column: '', reason: `the record holds ${record.error}` };
  const fields = record.fields;
  if (fields.length !== plan.width) {
    return {
      column: '',
      reason: `the record has ${fields.length} fields but the header has ${plan.width} (a missing quote or delimiter?)`,
    };
  }
  let changed = false;
  for (let c = 0; c < values.length; c++) {
    const at = plan.fields[c]!;
    if (at < 0) {
      values[c] = plan.fallback[c]!;
      continue;
    }
    const appended = plan.appended[c]!;
    // fields are byte text (see byte-text.ts): converters get the text itself
    const text = textFromBytes(appended.length === 0 ? fields[at]! : joinFields(fields, [at, ...appended]));
    const value = plan.convert[c]!(text);
    if (value === undefined) return { column: plan.names[c]!, reason: `${plan.expected[c]}: ${shown(text)}` };
    values[c] = value;
    if (value !== text && !(plan.sameForDuckDb[c] && DUCKDB_BOOLEANS.has(text))) {
      changed = true;
      if (plan.layout === 'fields') fields[at] = bytesFromText(value);
    }
  }
  for (const c of plan.keys) {
    if (values[c] === '') return { column: plan.names[c]!, reason: 'the key is empty: every record needs one' };
  }
  return changed ? 'changed' : 'unchanged';
}

/** Several fields as one value: the non-blank ones, trimmed, space separated. */
function joinFields(fields: readonly string[], at: readonly number[]): string {
  return at
    .map((i) => (fields[i] ?? '').trim())
    .filter((v) => v !== '')
    .join(' ');
}
