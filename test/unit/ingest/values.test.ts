import { describe, expect, it } from 'vitest';
import { convertValue, utcTimestamp } from '../../../functions/ingest/values.ts';

describe('convertValue', () => {
  it.each([
    ['true', 'true'],
    ['FALSE', 'false'],
    ['True', 'true'],
    ['1', 'true'],
    ['0', 'false'],
    [' true ', 'true'],
    ['', ''],
    ['  ', ''],
    ['yes', undefined],
    ['2', undefined],
  ])('boolean %j → %j', (text, expected) => {
    expect(convertValue('boolean', text)).toBe(expected);
  });

  it.each([
    ['-1234.5', '-1234.5'],
    ['+7', '7'],
    ['0.25', '0.25'],
    ['.5', '.5'],
    ['1e3', '1e3'],
    ['', ''],
    ['1,234', undefined],
    ['$100', undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['12 000', undefined],
    ['ten', undefined],
  ])('number %j → %j', (text, expected) => {
    expect(convertValue('double', text)).toBe(expected);
  });

  it.each([
    ['2026-03-04', '2026-03-04'],
    ['2024-02-29', '2024-02-29'],
    ['2026-03-04T09:15:00.000Z', '2026-03-04'],
    ['2026-03-04T23:30:00-02:00', '2026-03-05'],
    ['2026-03-04 09:15:00', '2026-03-04'],
    ['2026-02-29', undefined],
    ['2026-13-45', undefined],
    ['04/03/2026', undefined],
    ['2026-3-4', undefined],
  ])('date %j → %j', (text, expected) => {
    expect(convertValue('date', text)).toBe(expected);
  });

  it.each([
    ['2026-03-04T09:15:00.000Z', '2026-03-04T09:15:00.000Z'],
    ['2026-03-04 09:15:00', '2026-03-04 09:15:00'],
    ['2026-03-04', '2026-03-04 00:00:00'],
    ['2026-03-04T16:15:00+07:00', '2026-03-04 09:15:00'],
    ['2026-03-04T16:15:00.250+0700', '2026-03-04 09:15:00.250'],
    ['2026-03-04T01:00:00-05', '2026-03-04 06:00:00'],
    ['2026-03-04T09:15:00+00:00', '2026-03-04 09:15:00'],
    ['2026-03-04T24:00:00Z', undefined],
    ['2026-03-04T09:61:00Z', undefined],
    ['yesterday', undefined],
  ])('timestamp %j → %j', (text, expected) => {
    expect(convertValue('timestamp', text)).toBe(expected);
  });

  it('keeps text as it is, and whitespace-only text is NULL', () => {
    expect(convertValue('varchar', ' Siam "Smart", Ltd. ')).toBe(' Siam "Smart", Ltd. ');
    expect(convertValue('varchar', '=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(convertValue('varchar', ' \t ')).toBe('');
  });
});

describe('utcTimestamp', () => {
  it('converts offsets to UTC and refuses what is no datetime', () => {
    expect(utcTimestamp('2026-01-05T10:00:00+07:00')).toBe('2026-01-05 03:00:00');
    expect(utcTimestamp('not a time')).toBeUndefined();
  });
});
