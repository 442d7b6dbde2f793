import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tree } from './night-helpers.ts';

/**
 * What a reader of the folder lake may see at any moment, crash or not:
 * every version the versions list names is whole (its page list and every
 * page), `latest/`, `index.html` and the prev/next stubs lead only to listed
 * versions, and every KPI pointer names files that exist.
 */
export async function expectNothingHalfVisible(ws: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(ws, 'site/versions/index.json'), 'utf8')) as { versions: { asOf: string }[] };
  const listed = manifest.versions.map((v) => v.asOf);
  for (const asOf of listed) {
    const pages = JSON.parse(await readFile(join(ws, `site/v/${asOf}/pages.json`), 'utf8')) as string[];
    for (const page of pages) expect(existsSync(join(ws, `site/v/${asOf}/${page}index.html`)), `${asOf}/${page}`).toBe(true);
  }
  const stubs = [...(await tree(ws, 'site/latest/')).keys(), ...(await tree(ws, 'site/nav/')).keys(), 'site/index.html'];
  for (const stub of stubs) {
    const html = await readFile(join(ws, stub), 'utf8');
    for (const [, asOf] of html.matchAll(/\/v\/(\d{4}-\d{2}-\d{2})\//g)) expect(listed, `${stub} links ${asOf}`).toContain(asOf);
  }
  for (const pointer of (await tree(ws, 'kpi/_live/')).keys()) {
    const live = JSON.parse(await readFile(join(ws, pointer), 'utf8')) as { tables: Record<string, string> };
    for (const key of Object.values(live.tables)) expect(existsSync(join(ws, key)), key).toBe(true);
  }
  return listed;
}

/** The bytes a version is made of: its KPI files (through the pointer) and its site folder. */
export async function versionBytes(ws: string, asOf: string): Promise<Record<string, string>> {
  const live = JSON.parse(await readFile(join(ws, `kpi/_live/as_of=${asOf}.json`), 'utf8')) as { tables: Record<string, string> };
  const out: Record<string, string> = {};
  for (const [table, key] of Object.entries(live.tables)) out[`kpi:${table}`] = createHash('sha256').update(await readFile(join(ws, key))).digest('hex');
  for (const [file, hash] of await tree(ws, `site/v/${asOf}/`)) out[file] = hash;
  return out;
}
