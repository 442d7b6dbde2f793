import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseAsOf } from '../as-of.ts';
import { writeAccessList } from '../access/access-store.ts';
import type { StageContext } from '../context.ts';
import { kpiVersions, previousVersion } from '../lake/versions.ts';
import { uploadFromLocal } from '../store/local.ts';
import { putJson } from '../store/store.ts';
import { buildAstroSite } from './astro-build.ts';
import { checkBuiltOutput } from './check-build.ts';
import { checkStoredVersion } from './check-stored.ts';
import { crashPoint } from '../run/crash-point.ts';
import type { Lease } from '../run/lease.ts';
import { readDataQuality } from './quality.ts';
import { readVersionKpis } from './read-kpis.ts';
import { SITE_PREFIX, sitePrefix, versionPath } from '../report/routes.ts';
import type { SiteData } from '../report/site-data.ts';
import { updateSiteIndex } from './site-index.ts';
import { pagesKey, readPublishedVersions, writePublishedVersions } from './site-versions.ts';

/** The pages Astro wrote: every folder holding an `index.html`, as paths inside the version. */
async function builtPages(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true });
  return entries
    .filter((name) => name === 'index.html' || name.endsWith(`${sep}index.html`))
    .map((name) => {
      const dir = relative(outDir, join(outDir, name, '..'));
      return dir === '' ? '' : `${dir.split(sep).join('/')}/`;
    })
    .sort();
}

/**
 * Builds the site of version asOf from kpi/<table>/as_of=asOf/ (+ the
 * previous version for changes, + reports/ingest/*.json for data quality)
 * and stores it under site/v/<asOf>/, then updates site/latest/,
 * site/index.html and site/versions/. Never rebuilds or changes older
 * versions. Publishing the same date again replaces that version.
 *
 * @example
 * const { pages } = await publishVersion(ctx, '2026-11-26');
 * pages[0]; // 'v/2026-11-26/'
 */
export async function publishVersion(ctx: StageContext, asOf: string, lease?: Lease): Promise<{ pages: string[] }> {
  parseAsOf(asOf);
  const { config, store, log } = ctx;
  // the same comparison as the e-mails: the greatest earlier as_of with KPI tables
  const previousAsOf = previousVersion(await kpiVersions(store), asOf) ?? null;
  const reading = Date.now();
  const kpis = await readVersionKpis(ctx, asOf, previousAsOf);
  log.info(`read the KPI tables of ${asOf} for ${kpis.entities.length} entities in ${((Date.now() - reading) / 1000).toFixed(1)} s`);
  const quality = await readDataQuality(store, asOf);
  const prefix = sitePrefix(config.siteBaseUrl);
  const data: SiteData = {
    asOf,
    previousAsOf,
    locale: config.locale,
    currency: config.currency,
    sitePrefix: prefix,
    builtAt: new Date().toISOString(),
    ...kpis,
    quality,
  };

  await mkdir(ctx.scratch, { recursive: true });
  const work = await mkdtemp(join(ctx.scratch, `publish-${asOf}-`));
  const dataFile = join(work, 'site-data.json');
  await writeFile(dataFile, JSON.stringify(data));
  const outDir = join(work, 'out');
  const started = Date.now();
  await buildAstroSite({ dataFile, outDir, base: `${prefix}${versionPath(asOf)}`, cacheDir: join(work, 'cache') });
  const files = await checkBuiltOutput(outDir);
  const pages = await builtPages(outDir);
  crashPoint('publish:built');
  log.info(`built ${pages.length} pages of version ${asOf} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const versionPrefix = `${SITE_PREFIX}${versionPath(asOf)}`;
  const existing = await store.list(versionPrefix);
  if (existing.length > 0) log.warn(`version ${asOf} was published before: replacing it`);
  // the pages carry no build time, so the same data uploads the same bytes (a re-run rewrites nothing new)
  const written = new Set(await uploadFromLocal(store, outDir, versionPrefix));
  crashPoint('publish:uploaded');
  await putJson(store, pagesKey(asOf), pages);
  written.add(pagesKey(asOf));
  // files of an earlier publish of this same date that this build no longer has (an AE who left), once the new ones are all there
  for (const key of existing) if (!written.has(key)) await store.deletePrefix(key);
  await checkStoredVersion(store, versionPrefix, [...files.map((f) => `${versionPrefix}${f}`), pagesKey(asOf)]);

  // the one write that makes the version visible: the versions list; latest/, index.html and the stubs follow it
  const versions = (await readPublishedVersions(store)).filter((v) => v.asOf !== asOf);
  versions.push({ asOf, publishedAt: data.builtAt, pageCount: pages.length });
  versions.sort((a, b) => a.asOf.localeCompare(b.asOf));
  // who may open which page: before the version is visible, so that the gate never lacks its list
  await writeAccessList(ctx, asOf, kpis.entities, versions.at(-1)?.asOf === asOf);
  await lease?.check();
  await writePublishedVersions(store, versions);
  crashPoint('publish:committed');
  await updateSiteIndex(store, { locale: config.locale, currency: config.currency, prefix }, asOf, versions);
  log.info(`stored version ${asOf} in ${store.description} under ${versionPrefix}`);
  return { pages: pages.map((page) => `${versionPath(asOf)}${page}`) };
}
