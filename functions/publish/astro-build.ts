import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inPrivateFolder } from './build-folder.ts';
import { chartWorkers, withChartPool } from './chart-pool.ts';
import { PublishError } from './errors.ts';

/** The Astro project: `site/` at the repository root, wherever the code runs from. */
export const SITE_DIR = process.env.SCORECARD_SITE_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'site');

const DATA_MODULE = 'virtual:scorecard/data-file';

/**
 * A Vite plugin that tells the pages where this build's data file is. It is
 * part of each build's own config (not an environment variable), so two
 * builds in one process cannot see each other's data.
 */
function dataFilePlugin(dataFile: string) {
  return {
    name: 'scorecard-data-file',
    resolveId: (id: string) => (id === DATA_MODULE ? `\0${DATA_MODULE}` : undefined),
    load: (id: string) => (id === `\0${DATA_MODULE}` ? `export default ${JSON.stringify(dataFile)};` : undefined),
  };
}

export interface AstroBuildOptions {
  /** the site data JSON the pages render from */
  dataFile: string;
  /** where the built files go (a fresh folder) */
  outDir: string;
  /** the URL path of the version, e.g. `/v/2026-11-26/` */
  base: string;
  /** a folder for Astro's and Vite's caches, private to this build */
  cacheDir: string;
}

/**
 * Builds one version of the site with Astro's JavaScript API: static HTML
 * pages as folders (`team/<id>/index.html`), under `base`.
 *
 * @example
 * await buildAstroSite({ dataFile: '/tmp/x/site-data.json', outDir: '/tmp/x/out', base: '/v/2026-11-26/', cacheDir: '/tmp/x/cache' });
 */
export async function buildAstroSite(options: AstroBuildOptions): Promise<void> {
  // Astro asks to send usage data on first use; a build in CI or Lambda must not
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { build } = await import('astro');
  try {
    // a private working folder: the build works from any folder, and builds at once do not collide (build-folder.ts)
    await inPrivateFolder(options.cacheDir, options.outDir, (outDir) => withChartPool(chartWorkers(), () => build(
      {
        root: SITE_DIR,
        configFile: false,
        outDir,
        cacheDir: join(options.cacheDir, 'astro'),
        base: options.base,
        output: 'static',
        trailingSlash: 'always',
        // several pages at once: while one waits for its charts (chart-pool.ts), the next renders
        build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
        devToolbar: { enabled: false },
        logLevel: 'error',
        vite: {
          cacheDir: join(options.cacheDir, 'vite'),
          // Astro inlines scripts under this size; the site's CSP (infra/stacks/site.ts)
          // allows scripts from 'self' only, so every script must be a file
          build: { assetsInlineLimit: 0 },
          plugins: [dataFilePlugin(options.dataFile)],
          logLevel: 'error',
        },
      },
      // several builds may run in one process (tests, a backfill): keep the compiler loaded
      { teardownCompiler: false },
    )));
  } catch (error) {
    throw new PublishError(
      `the site build failed: ${(error as Error).message}`,
      'this is a bug in the site (site/src): the message above names the page or component',
      { cause: error },
    );
  }
}
