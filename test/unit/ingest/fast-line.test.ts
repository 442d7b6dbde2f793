import { describe, expect, it } from 'vitest';
import { bytesFromText, textFromBytes } from '../../../functions/ingest/byte-text.ts';
import { CsvParser } from '../../../functions/ingest/csv-parser.ts';
import { fastLinePattern, type FieldKind } from '../../../functions/ingest/fast-line.ts';
import type { ColumnType } from '../../../functions/lake/raw-tables.ts';
import { convertValue } from '../../../functions/ingest/values.ts';

const SAMPLES = [
  '', ' ', '  ', '\t', 'a', ' a ', 'Siam "Smart"', '=HYPERLINK("x")', 'ก ข', ' ก', 'ภ', '\u00a0', 'x\u00a0', '\u00a0x',
  '\u2003', '\u3000', '\ufeff', '\u3000\u0e01', 'é', '©', '😀',
  'true', 'false', 'TRUE', 'True', 'tRUE', '1', '0', '2', 'yes', ' true',
  '12', '-12.5', '+3', '.5', '5.', '1e3', '1E-2', '1,5', '1e', '-', '.', 'NaN', '0x10', '١٢',
  '2026-03-04', '2026-02-29', '2024-02-29', '2026-02-28', '2026-04-31', '2026-12-31', '0000-01-01', '2026-13-01', '2026-3-4',
  '2026-03-04T09:15:00.000Z', '2026-03-04T09:15:00Z', '2026-03-04T24:00:00.000Z', '2026-03-04 09:15:00',
  '2026-03-04 09:15:00.123456', '2026-03-04 09:15:00.1234567', '2026-03-04T09:15:00+07:00', '2026-03-04 09:15',
];
const TYPES: ColumnType[] = ['varchar', 'boolean', 'double', 'date', 'timestamp'];
const SAME_FOR_DUCKDB = new Set(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0']);

/** How a field is written in a line: as it is when it can be, and quoted. */
function spellings(value: string): string[] {
  const quoted = `"${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? [quoted] : [value, quoted];
}

/** The field-by-field path's view of a one-line record (byte text in, text out). */
function fields(line: string): string[] {
  let out: string[] = [];
  const parser = new CsvParser((r) => (out = r.fields.map(textFromBytes)));
  parser.push(line);
  parser.end();
  return out;
}

describe('fastLinePattern', () => {
  it.each(TYPES.flatMap((type) => [false, true].map((key) => [type, key] as const)))(
    'never accepts a %s value (key: %s) that the careful path would change or refuse',
    (type, key) => {
      const pattern = fastLinePattern([type, 'any'], [key, false]);
      let accepted = 0;
      for (const value of SAMPLES) {
        for (const written of spellings(value)) {
          const line = bytesFromText(`${written},rest\n`);
          pattern.lastIndex = 0;
          if (!pattern.test(line)) continue;
          const field = fields(line)[0] ?? '';
          const converted = convertValue(type, field);
          const unchanged = converted === field || (type === 'boolean' && SAME_FOR_DUCKDB.has(field));
          expect(unchanged, `${type} ${JSON.stringify(written)} → ${JSON.stringify(converted)}`).toBe(true);
          if (key) expect(converted, `key ${JSON.stringify(written)}`).not.toBe('');
          accepted++;
        }
      }
      // the fast path must also be useful: it accepts the clean spellings of each type
      expect(accepted).toBeGreaterThanOrEqual(type === 'timestamp' ? 3 : 4);
    },
  );

  it('accepts the usual clean line whole, and refuses one of the wrong width', () => {
    const kinds: FieldKind[] = ['varchar', 'any', 'date', 'boolean', 'timestamp', 'double'];
    const pattern = fastLinePattern(kinds, [true, false, false, false, false, false]);
    const test = (line: string) => {
      pattern.lastIndex = 0;
      return pattern.test(line) && pattern.lastIndex === line.length;
    };

    expect(test('006A,"Smith, ""Jo""",2026-03-04,true,2026-03-04T09:15:00.000Z,-12.5\r\n')).toBe(true);
    expect(test('006A,x,,,,\n')).toBe(true);
    expect(test('006A,x,2026-03-04,true,2026-03-04T09:15:00.000Z\n')).toBe(false);
    expect(test(',x,,,,\n')).toBe(false);
    expect(test('006A,"two\nlines",,,,\n')).toBe(false);
  });

  it('fails a long bad line in linear time (no catastrophic backtracking)', () => {
    const kinds: FieldKind[] = Array.from({ length: 30 }, (_, i) => (['varchar', 'double', 'any'] as const)[i % 3]!);
    const pattern = fastLinePattern(kinds, kinds.map(() => false));
    const line = kinds.map((k) => (k === 'double' ? '123456789.123456' : 'some words here and there')).join(',') + ',extra\n';
    const started = performance.now();

    for (let i = 0; i < 100; i++) {
      pattern.lastIndex = 0;
      expect(pattern.test(line)).toBe(false);
    }

    expect(performance.now() - started).toBeLessThan(500);
  });
});
