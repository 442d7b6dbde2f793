import { describe, expect, it } from 'vitest';
import { formatRows, isOutputFormat } from '../../../functions/compute/analyst-format.ts';

const columns = ['kpi', 'value', 'note'];
const rows = [
  { kpi: 'bookings', value: 9700, note: null },
  { kpi: 'win_rate_pct', value: 33.5, note: 'a "quoted", text' },
];

describe('formatRows', () => {
  it('prints an aligned table with NULL written out and the row count', () => {
    expect(formatRows(columns, rows, 'table')).toBe(
      [
        'kpi          | value | note',
        '-------------+-------+-----------------',
        'bookings     | 9700  | NULL',
        'win_rate_pct | 33.5  | a "quoted", text',
        '(2 rows)',
        '',
      ].join('\n'),
    );
  });

  it('writes RFC 4180 CSV with a header and NULL as an empty field', () => {
    expect(formatRows(columns, rows, 'csv')).toBe('kpi,value,note\nbookings,9700,\nwin_rate_pct,33.5,"a ""quoted"", text"\n');
  });

  it('writes JSON, bigints as numbers when exact and as text when not', () => {
    const out = formatRows(['n'], [{ n: 12n }, { n: 2n ** 60n }], 'json');
    expect(JSON.parse(out)).toEqual([{ n: 12 }, { n: '1152921504606846976' }]);
  });

  it('prints the header of an empty result', () => {
    expect(formatRows(['a', 'b'], [], 'table')).toBe('a | b\n--+--\n(0 rows)\n');
  });

  it.each([
    ['table', true],
    ['csv', true],
    ['json', true],
    ['xml', false],
    [undefined, false],
  ])('knows whether %s is a format', (format, known) => {
    expect(isOutputFormat(format)).toBe(known);
  });
});
