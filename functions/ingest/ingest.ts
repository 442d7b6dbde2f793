import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { FsStore } from '../store/fs.ts';
import { putJson } from '../store/store.ts';
import { NotDirectError, readCsvFile, type ReadOptions } from './csv-file.ts';
import { checkDropId } from './drop-id.ts';
import { classifyDropFiles, SUCCESS_MARKER, type DropFile } from './drop-files.ts';
import { IngestError, isFileRejectedError } from './errors.ts';
import type { MappingContext } from './formats/csv-mapping.ts';
import { readOwnerDirectory } from './owner-directory.ts';
import { canonicalLayout, copyToParquet, type RowSource, type SinkLayout } from './parquet.ts';
import { QuarantineFile } from './quarantine.ts';
import { dropReport, quarantineKey, reportKey, type FileReport, type IngestReport } from './report.ts';
import { RowSink } from './row-sink.ts';
import { TABLES, tableByName } from './schema.ts';
import { readXapiDocument, readXapiLines } from './xapi-file.ts';

export type { IngestReport } from './report.ts';

/** Every regular file under `dir`, as `/`-separated relative paths; symbolic links are not followed. */
async function folderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

async function sameBytes(a: Uint8Array | undefined, file: string): Promise<boolean> {
  if (a === undefined) return false;
  const info = await stat(file);
  if (info.size !== a.length) return false;
  return Buffer.from(a).equals(await readFile(file));
}

/**
 * Copies a local drop folder into `landing/<dropId>/` (originals, untouched)
 * and writes `landing/<dropId>/_SUCCESS` last, so that a reader never sees
 * half a drop. Landing the same files again is a no-op; landing different
 * files under an id already used is refused (originals never change).
 *
 * @example
 * const keys = await landDrop(ctx, './exports/2026-11-26', '2026-11-26');
 * // ['landing/2026-11-26/crm/User.csv', …, 'landing/2026-11-26/_SUCCESS']
 */
export async function landDrop(ctx: StageContext, dir: string, dropId: string): Promise<string[]> {
  checkDropId(dropId);
  let paths: string[];
  try {
    paths = (await folderFiles(dir)).filter((p) => p !== SUCCESS_MARKER);
  } catch (error) {
    throw new IngestError(`cannot read the drop folder ${dir}`, 'give the folder that holds crm/, surveys/, lms/ …', {
      cause: error,
    });
  }
  if (paths.length === 0) throw new IngestError(`the drop folder ${dir} holds no files`, 'give the folder of an export');
  const prefix = `landing/${dropId}/`;
  const marker = `${prefix}${SUCCESS_MARKER}`;
  const keys = paths.map((p) => `${prefix}${p}`);
  if ((await ctx.store.get(marker)) !== undefined) {
    const landed = (await ctx.store.list(prefix)).filter((k) => k !== marker);
    const same =
      landed.length === keys.length &&
      landed.every((k, i) => k === keys[i]) &&
      (await Promise.all(paths.map(async (p, i) => sameBytes(await ctx.store.get(keys[i]!), join(dir, p))))).every(
        Boolean,
      );
    if (!same) {
      throw new IngestError(
        `drop ${dropId} has already landed with other files`,
        'landed drops never change: give this export a new drop id with --drop (ids should sort chronologically, e.g. 2026-11-26T0200Z)',
      );
    }
    ctx.log.info(`drop ${dropId} has already landed with the same files`);
    return [...keys, marker];
  }
  for (const [i, path] of paths.entries()) await ctx.store.put(keys[i]!, await readFile(join(dir, path)));
  await ctx.store.put(marker, '');
  ctx.log.info(`landed ${paths.length} files in ${ctx.store.description} under ${prefix}`);
  return [...keys, marker];
}

/** The landed file as a local path: in place on a folder store, else downloaded to scratch. */
async function localCopy(ctx: StageContext, key: string, scratch: string): Promise<string> {
  if (ctx.store instanceof FsStore) return ctx.store.path(key);
  const file = join(scratch, 'landing', ...key.split('/'));
  // scratch belongs to this ingest: a file already there is this key's, downloaded before
  if (existsSync(file)) return file;
  const bytes = await ctx.store.get(key);
  if (bytes === undefined) throw new IngestError(`${key} disappeared while ingesting`, 'land the drop again');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return file;
}

interface FileOutcome {
  report: FileReport;
  /** where DuckDB finds the rows: the sink, or the landed export itself */
  source: RowSource | undefined;
  layout: SinkLayout;
  quarantine: QuarantineFile | undefined;
}

async function ingestFile(
  ctx: StageContext,
  dropId: string,
  file: DropFile,
  scratch: string,
  n: number,
  mappingContext: MappingContext,
): Promise<FileOutcome> {
  const options: ReadOptions = { gzip: file.gzip, encoding: ctx.config.encoding };
  const sink = new RowSink(join(scratch, `rows-${n}.csv`));
  const quarantine = new QuarantineFile(join(scratch, `quarantine-${n}.jsonl`), file.path);
  const report: FileReport = {
    file: file.path,
    table: file.known.table,
    status: 'loaded',
    read: 0,
    loaded: 0,
    quarantined: 0,
    rejected: null,
    quarantineKey: null,
    samples: [],
  };
  let layout = canonicalLayout(tableByName(file.known.table));
  let source: RowSource = { kind: 'sink', path: sink.path, longest: 0 };
  try {
    const path = await localCopy(ctx, `landing/${dropId}/${file.path}`, scratch);
    const format = file.known.format;
    if (format.kind === 'csv') {
      const mapping = typeof format.mapping === 'function' ? format.mapping(mappingContext) : format.mapping;
      let result;
      try {
        // most exports are clean: check first, and let DuckDB read those as they are
        if (process.env.INGEST_NO_DIRECT) throw new NotDirectError("bench");
        result = await readCsvFile(path, options, mapping, sink, quarantine, true);
      } catch (error) {
        if (!(error instanceof NotDirectError)) throw error;
        result = await readCsvFile(path, options, mapping, sink, quarantine);
      }
      report.read = result.read;
      layout = result.layout;
      if (result.direct) source = { kind: 'export', path, longest: result.direct.longest };
    } else if (format.kind === 'xapi-lines') report.read = await readXapiLines(path, options, sink, quarantine);
    else report.read = await readXapiDocument(path, options, sink, quarantine);
    sink.close();
    quarantine.close();
  } catch (error) {
    sink.discard();
    quarantine.discard();
    if (!isFileRejectedError(error)) throw error;
    report.status = 'rejected';
    report.read = 0;
    report.rejected = { reason: error.message, hint: error.hint ?? '', line: error.line ?? null };
    ctx.log.warn(`${file.path}: rejected: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    return { report, source: undefined, layout, quarantine: undefined };
  }
  if (source.kind === 'export') sink.discard();
  report.loaded = source.kind === 'export' ? report.read : sink.rows;
  source.longest = Math.max(source.longest, sink.longest);
  report.quarantined = quarantine.count;
  report.samples = quarantine.samples;
  if (quarantine.count > 0) {
    report.status = 'quarantined';
    report.quarantineKey = quarantineKey(dropId, file.path);
    const first = quarantine.samples[0];
    ctx.log.warn(
      `${file.path}: ${quarantine.count} record(s) quarantined, first on line ${first?.line}${first?.column ? `, column ${first.column}` : ''}: ${first?.reason}`,
    );
  }
  ctx.log.info(`${file.path}: ${report.read} read, ${report.loaded} loaded, ${report.quarantined} quarantined`);
  return { report, source, layout, quarantine: quarantine.count > 0 ? quarantine : undefined };
}

/**
 * The order that keeps both JavaScript (reading file n) and DuckDB
 * (copying file n − 1) busy: the smallest file first, so DuckDB starts at
 * once, then the largest down, so that the last copy is a short one.
 */
async function pipelineOrder(ctx: StageContext, dropId: string, files: readonly DropFile[], scratch: string): Promise<DropFile[]> {
  const sized = await Promise.all(
    files.map(async (file) => ({ file, size: (await stat(await localCopy(ctx, `landing/${dropId}/${file.path}`, scratch))).size })),
  );
  sized.sort((a, b) => b.size - a.size || (a.file.path < b.file.path ? -1 : 1));
  const smallest = sized.pop();
  return [...(smallest ? [smallest] : []), ...sized].map((s) => s.file);
}

/** What mappings may need beyond their own file: the HubSpot owners of the drop, the closed stages. */
async function mappingContextFor(
  ctx: StageContext,
  dropId: string,
  files: readonly DropFile[],
  scratch: string,
): Promise<MappingContext> {
  const owners = files.find((f) => f.known.name === 'hubspot/owners.csv');
  const directory = owners
    ? await readOwnerDirectory(await localCopy(ctx, `landing/${dropId}/${owners.path}`, scratch), {
        gzip: owners.gzip,
        encoding: ctx.config.encoding,
      })
    : new Map<string, string>();
  return { owners: directory, closedStages: ctx.config.closedStages };
}

/** Writes one table's Parquet to `raw/<table>/drop=<drop>/part-0.parquet`, atomically on a folder. */
async function writeRaw(
  ctx: StageContext,
  engine: DuckDbEngine,
  table: string,
  source: RowSource,
  layout: SinkLayout,
  dropId: string,
  scratch: string,
): Promise<void> {
  const key = `raw/${table}/drop=${dropId}/part-0.parquet`;
  const local =
    ctx.store instanceof FsStore ? `${ctx.store.path(key)}.tmp-${process.pid}` : join(scratch, `${table}.parquet`);
  await mkdir(dirname(local), { recursive: true });
  await copyToParquet(engine, tableByName(table), source, layout, dropId, local);
  if (ctx.store instanceof FsStore) await rename(local, ctx.store.path(key));
  else await ctx.store.put(key, await readFile(local), 'application/vnd.apache.parquet');
}

/**
 * Ingests `landing/<dropId>/`: typed rows to
 * `raw/<table>/drop=<dropId>/part-0.parquet`, bad rows to
 * `quarantine/<dropId>/<file>.jsonl`, and the report to
 * `reports/ingest/<dropId>.json` (written last). Idempotent: ingesting the
 * same drop again writes the same objects and removes none of another drop.
 *
 * @example
 * const report = await ingestDrop(ctx, '2026-11-26');
 * report.files.filter((f) => f.status !== 'loaded'); // what needs a look
 */
export async function ingestDrop(ctx: StageContext, dropId: string): Promise<IngestReport> {
  checkDropId(dropId);
  const prefix = `landing/${dropId}/`;
  const keys = await ctx.store.list(prefix);
  if (keys.length === 0) {
    throw new IngestError(`nothing has landed under ${prefix} in ${ctx.store.description}`, 'land the drop first: scorecard ingest <folder>');
  }
  if (!keys.includes(`${prefix}${SUCCESS_MARKER}`)) {
    throw new IngestError(
      `${prefix} has no ${SUCCESS_MARKER} marker: the drop is not complete`,
      `upload ${SUCCESS_MARKER} last, once every file of the drop is there`,
    );
  }
  const { files, rejected, ignored } = classifyDropFiles(keys.map((k) => k.slice(prefix.length)));
  const scratch = join(ctx.scratch, `ingest-${dropId}-${process.pid}`);
  await mkdir(scratch, { recursive: true });
  const engine = await DuckDbEngine.open();
  try {
    const reports: FileReport[] = rejected.map((r) => {
      ctx.log.warn(`${r.path}: rejected: ${r.reason}`);
      return {
        file: r.path,
        table: r.table,
        status: 'rejected',
        read: 0,
        loaded: 0,
        quarantined: 0,
        rejected: { reason: r.reason, hint: r.hint, line: null },
        quarantineKey: null,
        samples: [],
      };
    });
    // DuckDB copies one file's rows to Parquet on its own threads while the next file is parsed
    let copies: Promise<void> = Promise.resolve();
    const written = new Set<string>();
    const quarantines: { key: string; path: string }[] = [];
    const mappingContext = await mappingContextFor(ctx, dropId, files, scratch);
    for (const [n, file] of (await pipelineOrder(ctx, dropId, files, scratch)).entries()) {
      const outcome = await ingestFile(ctx, dropId, file, scratch, n, mappingContext);
      reports.push(outcome.report);
      const source = outcome.source;
      if (source) {
        written.add(file.known.table);
        const layout = outcome.layout;
        copies = copies.then(() => writeRaw(ctx, engine, file.known.table, source, layout, dropId, scratch));
        // observed by the `await copies` below; this only keeps Node from calling it unhandled meanwhile
        copies.catch(() => undefined);
      }
      if (outcome.quarantine && outcome.report.quarantineKey) {
        quarantines.push({ key: outcome.report.quarantineKey, path: outcome.quarantine.path });
      }
    }
    await copies;
    // a table this drop no longer yields (a file rejected on a re-run) keeps no rows of the drop
    for (const table of TABLES) {
      if (!written.has(table.name)) await ctx.store.deletePrefix(`raw/${table.name}/drop=${dropId}/`);
    }
    await ctx.store.deletePrefix(`quarantine/${dropId}/`);
    for (const q of quarantines) await ctx.store.put(q.key, await readFile(q.path), 'application/x-ndjson');
    reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const report = dropReport(dropId, reports, ignored);
    await putJson(ctx.store, reportKey(dropId), report);
    const t = report.totals;
    ctx.log.info(
      `drop ${dropId}: ${t.files} files, ${t.loaded} records loaded, ${t.quarantined} quarantined, ${t.rejectedFiles} files rejected`,
    );
    return report;
  } finally {
    await engine.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
