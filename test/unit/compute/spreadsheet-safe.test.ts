import { describe, expect, it } from 'vitest';
import { formatRows } from '../../../functions/compute/analyst-format.ts';
import { spreadsheetSafe } from '../../../functions/compute/spreadsheet-safe.ts';

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Acme")', `'=HYPERLINK("http://evil.example","Acme")`],
    ['+cmd|/C calc', "'+cmd|/C calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('neutralises %j', (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
  });

  it.each(['Acme', '-12.5', '+3', '1e-3', 'a=b', ''])('leaves %j alone', (cell) => {
    expect(spreadsheetSafe(cell)).toBe(cell);
  });

  it('applies to scorecard sql --format csv, quoting as CSV needs', () => {
    const csv = formatRows(['name', 'value'], [{ name: '=1+1', value: -5 }, { name: '@x,y', value: 1 }], 'csv');

    expect(csv).toBe(`name,value\n'=1+1,-5\n"'@x,y",1\n`);
  });
});
