import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../functions/ingest/csv-parser.ts';
import { FileRejectedError } from '../../../functions/ingest/errors.ts';

interface Parsed {
  fields: string[];
  line: number;
  error: string | undefined;
  text: string;
  plain: boolean;
}

/** Parses `text` fed in pieces of `size` characters, so that every chunk boundary gets crossed. */
function parse(text: string, size = text.length): Parsed[] {
  const out: Parsed[] = [];
  const parser: CsvParser = new CsvParser((r) =>
    out.push({ fields: [...r.fields], line: r.line, error: r.error, text: parser.recordText(), plain: r.plain }),
  );
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.end();
  return out;
}

const SAMPLE = 'Id,Name,Note\r\n1,"Smith, ""Jo""","two\r\nlines"\r\n\r\n2,plain,\r\n3,"",x';

describe('CsvParser', () => {
  it.each([1, 2, 3, 7, 1000])('parses quotes, commas, CRLF and newlines in fields whatever the chunk size (%i)', (size) => {
    const records = parse(SAMPLE, size);

    expect(records.map((r) => r.fields)).toEqual([
      ['Id', 'Name', 'Note'],
      ['1', 'Smith, "Jo"', 'two\r\nlines'],
      ['2', 'plain', ''],
      ['3', '', 'x'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(records[1]?.text).toBe('1,"Smith, ""Jo""","two\r\nlines"');
  });

  it('marks records whose fields can be written unquoted', () => {
    const records = parse('a,b\n1,2\n"1",2\n');

    expect(records.map((r) => r.plain)).toEqual([true, true, false]);
  });

  it.each([
    ['a stray quote in an unquoted field', 'a,b\n1,x"y\n2,z\n', 'stray quote'],
    ['text after a closing quote', 'a,b\n1,"x"y\n2,z\n', 'stray character'],
    ['a NUL byte', 'a,b\n1,x\u0000y\n2,z\n', 'NUL'],
    ['a NUL byte in a quoted field', 'a,b\n1,"x\u0000y"\n2,z\n', 'NUL'],
  ])('flags %s and goes on with the next line', (_name, text, reason) => {
    const records = parse(text);

    expect(records[1]?.error).toContain(reason);
    expect(records[1]?.line).toBe(2);
    expect(records[2]).toMatchObject({ fields: ['2', 'z'], line: 3, error: undefined });
  });

  it('rejects a quoted field still open at the end of the file, naming its line', () => {
    const parser = new CsvParser(() => undefined);
    parser.push('a,b\n1,x\n2,"never closed\nmore\n');

    expect(() => parser.end()).toThrow(FileRejectedError);
    expect(() => parser.end()).toThrow(/line 3/);
  });

  it('reads a last record without a line break and a 10 MB field', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const records = parse(`a,b\n1,"${big}"\n2,${big}`, 1 << 20);

    expect(records.map((r) => r.fields[1]?.length)).toEqual([1, big.length, big.length]);
    expect(records[2]?.line).toBe(3);
  });

  it('rejects a record that never ends (a runaway quote) before running out of memory', () => {
    const parser = new CsvParser(() => undefined);
    parser.push('a\n"');
    const chunk = 'y'.repeat(1 << 20);

    expect(() => {
      for (let i = 0; i < 40; i++) parser.push(chunk);
    }).toThrow(/longer than/);
  });

  it('keeps formula-like text as text', () => {
    const records = parse('a,b\n1,"=HYPERLINK(""http://evil"",""x"")"\n');

    expect(records[1]?.fields[1]).toBe('=HYPERLINK("http://evil","x")');
  });
});

describe('CsvParser on generated files', () => {
  /** A small deterministic generator, so that a failure reproduces. */
  function random(seed: number): () => number {
    let x = seed;
    return () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x / 0x7fffffff;
    };
  }
  const PIECES = ['a', 'bc', ' ', ',', '"', '\n', '\r\n', 'ก', '=1+2', ''];

  it.each([1, 2, 3, 4, 5])('reads back what an RFC 4180 writer wrote (seed %i)', (seed) => {
    const next = random(seed);
    const rows: string[][] = [];
    for (let r = 0; r < 200; r++) {
      const width = 4;
      const row: string[] = [];
      for (let f = 0; f < width; f++) {
        let value = '';
        const n = Math.floor(next() * 4);
        for (let k = 0; k < n; k++) value += PIECES[Math.floor(next() * PIECES.length)];
        row.push(value);
      }
      // a row of one empty field is a blank line, which the parser skips
      if (row.join('') === '') row[0] = 'x';
      rows.push(row);
    }
    const eol = next() < 0.5 ? '\n' : '\r\n';
    const field = (v: string) => (/[",\r\n]/.test(v) || next() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v);
    const text = rows.map((row) => row.map(field).join(',')).join(eol) + eol;
    const expectedLines: number[] = [];
    let line = 1;
    for (const row of rows) {
      expectedLines.push(line);
      line += 1 + row.join('').split('\n').length - 1;
    }

    const records = parse(text, 1 + Math.floor(next() * 97));

    expect(records.map((r) => r.fields)).toEqual(rows);
    expect(records.map((r) => r.line)).toEqual(expectedLines);
    expect(records.every((r) => r.error === undefined)).toBe(true);
  });
});
