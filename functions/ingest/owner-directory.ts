import type { ReadOptions } from './csv-file.ts';
import { CsvParser } from './csv-parser.ts';
import { readText } from './decode.ts';
import { isFileRejectedError } from './errors.ts';
import { OWNER_HEADERS } from './formats/hubspot.ts';

/**
 * HubSpot's display-name exports name owners ("Ann Lee") where the
 * canonical tables need ids: reads `hubspot/owners.csv` into a directory
 * from owner id, "First Last" and e-mail (lower-cased) to owner id. A file
 * that cannot be read gives an empty directory (the file itself is then
 * rejected with its reason when it is ingested).
 *
 * @example
 * const owners = await readOwnerDirectory('/lake/landing/d/hubspot/owners.csv', { gzip: false, encoding: 'utf-8' });
 * owners.get('ann lee'); // '41000001'
 */
export async function readOwnerDirectory(path: string, options: ReadOptions): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  let columns: { id: number; email: number; first: number; last: number } | undefined;
  const find = (header: string[], names: readonly string[]) =>
    header.findIndex((h) => names.some((n) => n.toLowerCase() === h.trim().toLowerCase()));
  const parser = new CsvParser((record) => {
    if (record.error) return;
    const f = record.fields;
    if (!columns) {
      columns = {
        id: find(f, OWNER_HEADERS.id),
        email: find(f, OWNER_HEADERS.email),
        first: find(f, OWNER_HEADERS.first),
        last: find(f, OWNER_HEADERS.last),
      };
      return;
    }
    const id = (f[columns.id] ?? '').trim();
    if (columns.id < 0 || id === '') return;
    const name = [f[columns.first] ?? '', f[columns.last] ?? ''].map((v) => v.trim()).filter(Boolean).join(' ');
    for (const key of [id, name, (f[columns.email] ?? '').trim()]) {
      // the first owner with a name keeps it, as the smallest id keeps a shared e-mail
      if (key !== '' && !owners.has(key.toLowerCase())) owners.set(key.toLowerCase(), id);
    }
  });
  try {
    for await (const chunk of readText(path, options)) parser.push(chunk.text, chunk.nul);
    parser.end();
  } catch (error) {
    if (!isFileRejectedError(error)) throw error;
    return new Map();
  }
  return owners;
}
