import { cp, mkdir, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';

/**
 * Astro writes a static build's server chunks (the compiled pages it runs
 * to render HTML) inside the current folder, `<cwd>/.astro/`, whenever the
 * output folder is outside it (astro/dist/core/build/common.js,
 * getOutDirWithinCwd). Run from a user's own folder, the chunks' imports
 * (`piccolore`, …) then resolve from that folder, which has no packages;
 * and two builds at once share and delete the same `.astro/`.
 *
 * So each build gets a private working folder (under its cache folder):
 * the output is built there, next to a `node_modules` link to Scorecard's
 * own packages, so that the chunks written beside the pages resolve from
 * Scorecard's install wherever it runs; and while Astro builds,
 * `process.cwd()` answers the root of the file system, so that every
 * output folder counts as "within" it. The real folder is never changed:
 * relative paths elsewhere keep their meaning. The finished pages are then
 * moved to the caller's output folder.
 */

/** Scorecard's own `node_modules`: where `astro` resolves from. */
function packagesFolder(): string {
  const astro = createRequire(import.meta.url).resolve('astro/package.json');
  return dirname(dirname(astro));
}

let builds = 0;
let realCwd: (() => string) | undefined;

/** While at least one build runs, `process.cwd()` is the root of the file system (see above). */
function enterBuild(folder: string): void {
  if (builds++ === 0) {
    realCwd = process.cwd.bind(process);
    const root = parse(folder).root;
    process.cwd = () => root;
  }
}

function leaveBuild(): void {
  if (--builds === 0 && realCwd) {
    process.cwd = realCwd;
    realCwd = undefined;
  }
}

/**
 * Runs `build(privateOutDir)` in a private working folder under
 * `workFolder`, then moves what it built to `outDir`.
 *
 * @example
 * await inPrivateFolder('/tmp/x/cache', '/tmp/x/out', (out) => build({ outDir: out, … }));
 */
export async function inPrivateFolder(workFolder: string, outDir: string, build: (out: string) => Promise<void>): Promise<void> {
  const work = join(workFolder, 'build');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  // a junction on Windows needs no special rights; elsewhere the type is ignored
  await symlink(packagesFolder(), join(work, 'node_modules'), 'junction');
  const out = join(work, 'out');
  enterBuild(work);
  try {
    await build(out);
    await rm(outDir, { recursive: true, force: true });
    await mkdir(dirname(outDir), { recursive: true });
    try {
      await rename(out, outDir);
    } catch {
      // another file system (EXDEV): copy instead
      await cp(out, outDir, { recursive: true });
    }
  } finally {
    leaveBuild();
    // the link first, on its own: never follow it into the packages
    await rm(join(work, 'node_modules'), { force: true });
    await rm(work, { recursive: true, force: true });
  }
}
