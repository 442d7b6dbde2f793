import { CsvParser, type CsvRecord } from './csv-parser.ts';
import { readText } from './decode.ts';
import { FileRejectedError } from './errors.ts';
import type { CsvMapping } from './formats/csv-mapping.ts';
import { shown, type QuarantineFile } from './quarantine.ts';
import type { RowSink } from './row-sink.ts';
import { convertValue, expectedForm } from './values.ts';

export interface ReadOptions {
  gzip: boolean;
  encoding: string;
}

/** How the fields of a row are turned into canonical values, worked out from the header. */
interface Plan {
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
  keys: number[];
  width: number;
}

/** Matches the header row to the mapping; rejects a duplicate or a missing required column. */
function planFor(mapping: CsvMapping, header: string[]): Plan {
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
    fields: [],
    convert: [],
    appended: [],
    fallback: [],
    names: [],
    expected: [],
    keys: [],
    width: header.length,
  };
  const missing: string[] = [];
  mapping.columns.forEach((m, c) => {
    const found = m.headers.find((h) => index.has(h.toLowerCase()));
    if (!found && m.required) missing.push(m.headers[0] ?? m.column.name);
    plan.fields.push(found ? index.get(found.toLowerCase())! : -1);
    plan.appended.push((m.append ?? []).flatMap((h) => index.get(h.toLowerCase()) ?? []));
    plan.fallback.push(m.fallback ?? '');
    const type = m.column.type;
    plan.convert.push(m.convert ?? ((text: string) => convertValue(type, text)));
    plan.names.push(found ? header[index.get(found.toLowerCase())!]!.trim() : (m.headers[0] ?? m.column.name));
    plan.expected.push(m.expected ?? expectedForm(type));
    if (mapping.table.keys.includes(m.column.name)) plan.keys.push(c);
  });
  if (missing.length > 0) {
    throw new FileRejectedError(
      `the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      `export the file with ${missing.length > 1 ? 'these fields' : 'this field'} (headers are matched ignoring case)`,
      1,
    );
  }
  return plan;
}

/**
 * Reads one CSV export of the contract: every good row goes to `sink` as
 * canonical values, every bad one to `quarantine` with its line, column and
 * reason. Throws FileRejectedError when the file cannot be read as a whole
 * (encoding, broken gzip, open quote at the end, bad header).
 *
 * @example
 * const read = await readCsvFile('/lake/landing/d/crm/User.csv', opts, salesforceMapping('User'), sink, quarantine);
 */
export async function readCsvFile(
  path: string,
  options: ReadOptions,
  mapping: CsvMapping,
  sink: RowSink,
  quarantine: QuarantineFile,
): Promise<number> {
  let plan: Plan | undefined;
  let read = 0;
  const values: string[] = new Array<string>(mapping.columns.length).fill('');
  const parser: CsvParser = new CsvParser((record: CsvRecord) => {
    if (!plan) {
      if (record.error) {
        throw new FileRejectedError(`the header row holds ${record.error}`, 'fix the header row (line 1)', record.line);
      }
      plan = planFor(mapping, record.fields);
      return;
    }
    read++;
    const problem = rowValues(plan, record, values);
    if (problem) {
      quarantine.add(record.line, problem.column, problem.reason, parser.recordText());
      return;
    }
    mapping.derive?.(values);
    const checked = mapping.check?.(values);
    if (checked) {
      quarantine.add(record.line, checked.column, checked.reason, parser.recordText());
      return;
    }
    sink.write(record.line, values, record.plain);
  });
  for await (const text of readText(path, options)) parser.push(text);
  parser.end();
  if (!plan) {
    throw new FileRejectedError('the file is empty: it has no header row', 'send the export with its header row', 1);
  }
  return read;
}

/** Fills `values` from a record; returns what is wrong with it, if anything. */
function rowValues(plan: Plan, record: CsvRecord, values: string[]): { column: string; reason: string } | undefined {
  if (record.error) return { column: '', reason: `the record holds ${record.error}` };
  const fields = record.fields;
  if (fields.length !== plan.width) {
    return {
      column: '',
      reason: `the record has ${fields.length} fields but the header has ${plan.width} (a missing quote or delimiter?)`,
    };
  }
  for (let c = 0; c < values.length; c++) {
    const at = plan.fields[c]!;
    if (at < 0) {
      values[c] = plan.fallback[c]!;
      continue;
    }
    const appended = plan.appended[c]!;
    const text = appended.length === 0 ? fields[at]! : joinFields(fields, [at, ...appended]);
    const value = plan.convert[c]!(text);
    if (value === undefined) return { column: plan.names[c]!, reason: `${plan.expected[c]}: ${shown(text)}` };
    values[c] = value;
  }
  for (const c of plan.keys) {
    if (values[c] === '') return { column: plan.names[c]!, reason: 'the key is empty: every record needs one' };
  }
  return undefined;
}

/** Several fields as one value: the non-blank ones, trimmed, space separated. */
function joinFields(fields: readonly string[], at: readonly number[]): string {
  return at
    .map((i) => (fields[i] ?? '').trim())
    .filter((v) => v !== '')
    .join(' ');
}
