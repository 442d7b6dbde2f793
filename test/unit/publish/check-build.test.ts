import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBuiltOutput } from '../../../functions/publish/check-build.ts';

let dir: string;

async function build(files: string[]): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'check-build-'));
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), 'x');
  }
  return dir;
}

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PAGES = ['index.html', 'team/t1/index.html', 'ae/a1/index.html', '_astro/site.Bx1.css', '_astro/Table.astro_script.Bil3.js'];

describe('checkBuiltOutput', () => {
  it('accepts pages, styles and the browser scripts', async () => {
    expect(await checkBuiltOutput(await build(PAGES))).toEqual([...PAGES].sort());
  });

  it.each([
    ['a server bundle file', 'chunks/pages.mjs'],
    ['a page module', 'pages/data-quality.astro.mjs'],
    ['Astro\'s private folder', '.astro/content.d.ts'],
    ['a script outside _astro/', 'team/t1/inline.js'],
    ['a source map', '_astro/site.js.map'],
  ])('refuses %s', async (_, stray) => {
    await expect(checkBuiltOutput(await build([...PAGES, stray]))).rejects.toThrow(/not pages or assets .*not published/);
  });
});
