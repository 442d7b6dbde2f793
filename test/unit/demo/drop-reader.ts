import { createHash } from 'node:crypto';
import { writeDemoDrop, type DemoOptions } from '../../../functions/demo/demo.ts';
import { memoryWriter } from '../../../functions/demo/writers.ts';

/**
 * Test helpers: generate a drop in memory and read its files back with an
 * independent, strict RFC 4180 parser (a field count that differs from the
 * header, a stray quote or an unterminated quoted field throws).
 */
export interface CsvTable {
  header: string[];
  rows: string[][];
  /** the rows as objects keyed by header name */
  records: Record<string, string>[];
}

export function parseCsv(text: string): CsvTable {
  const rows: string[][] = [];
  const special = /[",\r\n]/g;
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text[i] === '"') {
      // Quoted: runs to the quote not followed by another quote.
      field = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) throw new Error('quoted field still open at the end of the file');
        field += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n') throw new Error(`text after a closing quote at ${i}`);
    } else {
      special.lastIndex = i;
      const match = special.exec(text);
      const end = match ? match.index : text.length;
      if (match && match[0] === '"') throw new Error(`stray quote inside an unquoted field at ${end}`);
      if (match && match[0] === '\r') throw new Error(`carriage return at ${end}: lines must end with \\n`);
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= text.length) throw new Error('the last line does not end with \\n');
    if (text[i] === '\n') {
      rows.push(row);
      row = [];
    }
    i++;
  }
  const [header, ...data] = rows;
  if (!header) throw new Error('no header');
  data.forEach((r, n) => {
    if (r.length !== header.length) throw new Error(`record ${n + 2} has ${r.length} fields, the header ${header.length}`);
  });
  return {
    header,
    rows: data,
    get records() {
      return data.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
    },
  };
}

export interface Drop {
  counts: Record<string, number>;
  paths: string[];
  text(path: string): string;
  csv(path: string): CsvTable;
  /** the records of a CSV file (memoised) */
  records(path: string): Record<string, string>[];
  hash(path: string): string;
}

export async function generateDrop(options: DemoOptions): Promise<Drop> {
  const memory = memoryWriter();
  const counts = await writeDemoDrop(memory.write, options);
  const tables = new Map<string, CsvTable>();
  const recordCache = new Map<string, Record<string, string>[]>();
  const csv = (path: string) => {
    let table = tables.get(path);
    if (!table) tables.set(path, (table = parseCsv(memory.text(path))));
    return table;
  };
  return {
    counts,
    paths: [...memory.files.keys()],
    text: (path) => memory.text(path),
    csv,
    records(path) {
      let records = recordCache.get(path);
      if (!records) recordCache.set(path, (records = csv(path).records));
      return records;
    },
    hash: (path) => {
      const h = createHash('sha256');
      for (const chunk of memory.files.get(path) ?? []) h.update(chunk);
      return h.digest('hex');
    },
  };
}
