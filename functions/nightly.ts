import { computeVersion } from './compute/compute.ts';
import type { StageContext } from './context.ts';
import { writeDemoDrop } from './demo/demo.ts';
import { directoryWriter } from './demo/writers.ts';
import { ingestDrop, landDrop } from './ingest/ingest.ts';
import { notifyVersion } from './notify/notify.ts';
import { publishVersion } from './publish/publish.ts';
import { join } from 'node:path';
import { SUCCESS_MARKER } from './ingest/drop-files.ts';
import { incompleteLandings } from './ingest/landings.ts';
import { crashPoint } from './run/crash-point.ts';
import type { Lease } from './run/lease.ts';

export interface NightlyOptions {
  asOf: string;
  /** a local drop folder to land and ingest first */
  input?: string;
  /** the workspace lease the caller holds, checked before each stage's commit */
  lease?: Lease;
  /** e-mail again the recipients a crashed run may or may not have e-mailed */
  resendUncertain?: boolean;
}

export interface NightlyResult {
  drops: string[];
  pages: string[];
  /** files rejected or with rows quarantined, landings without _SUCCESS, e-mails uncertain */
  problems: number;
}

/** Drops under `landing/` that have a completion marker but no ingest report yet. */
async function pendingDrops(ctx: StageContext): Promise<string[]> {
  const markers = (await ctx.store.list('landing/')).filter((key) => key.endsWith('/_SUCCESS'));
  const drops = markers.map((key) => key.slice('landing/'.length, -'/_SUCCESS'.length));
  const reported = new Set(await ctx.store.list('reports/ingest/'));
  return drops.filter((drop) => !reported.has(`reports/ingest/${drop}.json`));
}

/**
 * Whether to generate the demo drop: nothing has landed yet, or only a
 * landing of this date that never completed (a first demo night cut short)
 * in a workspace that was never ingested.
 */
async function demoWanted(ctx: StageContext, asOf: string): Promise<boolean> {
  const landed = await ctx.store.list('landing/');
  if (landed.length === 0) return true;
  if (landed.some((key) => key.endsWith(`/${SUCCESS_MARKER}`))) return false;
  if ((await ctx.store.list('reports/ingest/')).length > 0) return false;
  return (await incompleteLandings(ctx.store)).every((drop) => drop === asOf);
}

/**
 * The whole night on one machine: ingest what has landed, compute the KPI
 * tables, publish the site version and e-mail the links. With nothing landed
 * and no --input, a demo drop is generated first, so a new user sees a real
 * report straight away.
 *
 * @example
 * await runNightly(ctx, { asOf: '2026-11-26' });
 */
export async function runNightly(ctx: StageContext, options: NightlyOptions): Promise<NightlyResult> {
  const { asOf } = options;
  const log = ctx.log;
  if (options.input) {
    log.info(`landing ${options.input} as drop ${asOf}`);
    await landDrop(ctx, options.input, asOf);
  } else if (await demoWanted(ctx, asOf)) {
    log.info(`the workspace is empty: generating the demo organisation as of ${asOf}`);
    const dir = join(ctx.scratch, 'demo-drop');
    await writeDemoDrop(directoryWriter(dir), { asOf, seed: 1, scale: 1 });
    await landDrop(ctx, dir, asOf);
  }

  let problems = 0;
  for (const drop of await incompleteLandings(ctx.store)) {
    log.warn(`landing/${drop}/ has no ${SUCCESS_MARKER} marker: that drop is not complete and is not ingested (upload ${SUCCESS_MARKER} last, or land it again)`);
    problems += 1;
  }
  const drops = await pendingDrops(ctx);
  for (const drop of drops) {
    log.info(`1/4 ingest: drop ${drop}`);
    const report = await ingestDrop({ ...ctx, log: log.child('ingest') }, drop);
    problems += report.files.filter((f) => f.status !== 'loaded').length;
    crashPoint('nightly:ingested');
  }
  if (drops.length === 0) log.info('1/4 ingest: no new drop');

  log.info(`2/4 compute: KPI tables as of ${asOf}`);
  const { rows } = await computeVersion({ ...ctx, log: log.child('compute') }, asOf, options.lease);
  crashPoint('nightly:computed');
  log.info(`    ${Object.entries(rows).map(([t, n]) => `${t} ${n} rows`).join(', ')}`);

  log.info(`3/4 publish: site version ${asOf}`);
  const { pages } = await publishVersion({ ...ctx, log: log.child('publish') }, asOf, options.lease);
  crashPoint('nightly:published');
  log.info(`    ${pages.length} pages`);

  log.info('4/4 notify: e-mail links');
  const sent = await notifyVersion({ ...ctx, log: log.child('notify') }, asOf, undefined, {
    resendUncertain: options.resendUncertain,
  });
  problems += sent.uncertain.length;
  return { drops, pages, problems };
}
