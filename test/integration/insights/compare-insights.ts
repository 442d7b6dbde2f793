import type { Engine } from '../../../functions/engine/engine.ts';
import { quoteIdentifier, quoteLiteral } from '../../../functions/engine/engine.ts';

/** How a computed insight table differs from its expected CSV. */
export interface InsightDiff {
  expected: number;
  actual: number;
  /** columns of the CSV the table lacks, and columns of the table the CSV lacks */
  columns: { missing: string[]; extra: string[] };
  missing: number;
  extra: number;
  mismatched: number;
  /** the first differences, one readable line each */
  sample: string[];
}

type Cells = Record<string, string | null>;

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Equal as the golden cases compare: numbers within a relative 1e-6 (1e-9 near 0), anything else as text, NULL only with NULL. */
export function sameCell(expected: string | null, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (NUMBER.test(expected) && NUMBER.test(actual)) {
    const e = Number(expected);
    const a = Number(actual);
    return Math.abs(e - a) <= Math.max(1e-6 * Math.max(Math.abs(e), Math.abs(a)), 1e-9);
  }
  return expected === actual;
}

/**
 * Compares `table` with an expected CSV (an empty field = NULL) row by row
 * on `keys`: every column of the CSV, no row missing and none extra.
 *
 * @example
 * const diff = await compareInsights(engine, 'account_book', 'test/golden/basic/expected/insights/account_book.csv', ['account_id']);
 * expect(diff.sample).toEqual([]);
 */
export async function compareInsights(engine: Engine, table: string, expectedCsv: string, keys: string[]): Promise<InsightDiff> {
  const read = `read_csv(${quoteLiteral(expectedCsv)}, header = true, all_varchar = true)`;
  const expectedColumns = (await engine.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${read}`)).map((c) => c.column_name);
  const actualColumns = (await engine.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${table}`)).map((c) => c.column_name);
  const shared = expectedColumns.filter((c) => actualColumns.includes(c));
  const select = (from: string) =>
    `SELECT ${shared.map((c) => `NULLIF(CAST(${quoteIdentifier(c)} AS VARCHAR), '') AS ${quoteIdentifier(c)}`).join(', ')} FROM ${from}`;
  const expected = await engine.query<Cells>(select(read));
  const actual = await engine.query<Cells>(select(table));
  const keyOf = (row: Cells) => keys.map((k) => row[k] ?? '∅').join(' | ');
  const actualByKey = new Map(actual.map((r) => [keyOf(r), r]));
  const expectedKeys = new Set(expected.map(keyOf));
  const sample: string[] = [];
  let missing = 0;
  let mismatched = 0;
  for (const row of expected) {
    const got = actualByKey.get(keyOf(row));
    if (!got) {
      missing += 1;
      sample.push(`missing ${keyOf(row)}`);
      continue;
    }
    const wrong = shared.filter((c) => !sameCell(row[c] ?? null, got[c] ?? null));
    if (wrong.length > 0) {
      mismatched += 1;
      sample.push(`different ${keyOf(row)}: ${wrong.map((c) => `${c} expected [${row[c] ?? 'NULL'}] got [${got[c] ?? 'NULL'}]`).join('; ')}`);
    }
  }
  const extraRows = actual.filter((r) => !expectedKeys.has(keyOf(r)));
  for (const row of extraRows) sample.push(`extra ${keyOf(row)}`);
  return {
    expected: expected.length,
    actual: actual.length,
    columns: {
      missing: expectedColumns.filter((c) => !actualColumns.includes(c)),
      extra: actualColumns.filter((c) => !expectedColumns.includes(c)),
    },
    missing,
    extra: extraRows.length + (actual.length - actualByKey.size),
    mismatched,
    sample: sample.slice(0, 25),
  };
}
