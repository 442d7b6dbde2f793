import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { PublishError } from './errors.ts';

/** What a static page build may hold besides its pages and scripts: styles, images, fonts. */
const ASSET = /\.(css|svg|png|ico|woff2|txt|xml|json)$/;

/**
 * Checks a finished build before it is stored: every file is a page
 * (`<path>/index.html`) or a static asset, so nothing of Astro's server
 * bundle (`.mjs`, `chunks/`, `.astro/`), source maps or absolute source paths
 * can reach the immutable `v/D/`. Returns the files, as paths in `outDir`.
 */
export async function checkBuiltOutput(outDir: string): Promise<string[]> {
  const files = (await readdir(outDir, { withFileTypes: true, recursive: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const strays = files.filter((file) => {
    const parts = file.split('/');
    if (parts.some((part) => part.startsWith('.'))) return true;
    const name = parts.at(-1) ?? '';
    // the browser's scripts, which Astro bundles under _astro/ (the server bundle is .mjs, elsewhere)
    const clientScript = parts[0] === '_astro' && parts.length === 2 && name.endsWith('.js');
    return !(name.endsWith('.html') || ASSET.test(name) || clientScript);
  });
  if (strays.length > 0) {
    throw new PublishError(
      `the site build holds ${strays.length} file(s) that are not pages or assets (${strays.slice(0, 5).join(', ')}): not published`,
      'the previous versions stay as they are; this is a bug in the site build, report it with the files named',
    );
  }
  if (!files.includes('index.html')) throw new PublishError('the site build has no org page (index.html): not published');
  return files;
}
