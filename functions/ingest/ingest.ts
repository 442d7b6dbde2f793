import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { downloadFile, uploadFile } from '../store/files.ts';
import { FsStore } from '../store/fs.ts';
import { putJson } from '../store/store.ts';
import { crashPoint } from '../run/crash-point.ts';
import { tempPathFor } from '../store/temp-files.ts';
import { readCsvFile, type ReadOptions } from './csv-file.ts';
import { checkDropId } from './drop-id.ts';
import { classifyDropFiles, SUCCESS_MARKER, type DropFile } from './drop-files.ts';
import { checkBadShare, TooManyBadRowsError } from './bad-share.ts';
import { IngestError, isFileRejectedError } from './errors.ts';
import type { MappingContext } from './formats/csv-mapping.ts';
import { clip, clippedLog, LIMITS } from './limits.ts';
import { readOwnerDirectory } from './owner-directory.ts';
import { canonicalLayout, copyToParquet, type SinkLayout } from './parquet.ts';
import { QuarantineFile } from './quarantine.ts';
import { dropReport, quarantineKey, reportKey, type FileReport, type IngestReport } from '../lake/ingest-report.ts';
import { RowSink } from './row-sink.ts';
import { TABLES, tableByName } from '../lake/raw-tables.ts';
import { readXapiDocument, readXapiLines } from './xapi-file.ts';

export type { IngestReport } from '../lake/ingest-report.ts';
export { landDrop } from './land.ts';

/** The landed file as a local path: in place on a folder store, else downloaded to scratch. */
async function localCopy(ctx: StageContext, key: string, scratch: string): Promise<string> {
  if (ctx.store instanceof FsStore) return ctx.store.path(key);
  const file = join(scratch, 'landing', ...key.split('/'));
  // scratch belongs to this ingest: a file already there is this key's, downloaded before
  if (existsSync(file)) return file;
  // streamed: an export can be larger than memory
  if (!(await downloadFile(ctx.store, key, file))) throw new IngestError(`${key} disappeared while ingesting`, 'land the drop again');
  return file;
}

interface FileOutcome {
  report: FileReport;
  sink: RowSink | undefined;
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
  // config.encoding is the CSV exports'; JSON is UTF-8 by definition (RFC 8259)
  const encoding = file.known.format.kind === 'csv' ? ctx.config.encoding : 'utf-8';
  const options: ReadOptions = { gzip: file.gzip, encoding };
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
  try {
    const path = await localCopy(ctx, `landing/${dropId}/${file.path}`, scratch);
    const format = file.known.format;
    if (format.kind === 'csv') {
      const mapping = typeof format.mapping === 'function' ? format.mapping(mappingContext) : format.mapping;
      const result = await readCsvFile(path, options, mapping, sink, quarantine);
      report.read = result.read;
      layout = result.layout;
    } else if (format.kind === 'xapi-lines') report.read = await readXapiLines(path, options, sink, quarantine);
    else report.read = await readXapiDocument(path, options, sink, quarantine);
    checkBadShare(report.read, quarantine.count);
    sink.close();
    quarantine.close();
  } catch (error) {
    // a file rejected for its share of bad rows shows the first of them
    const samples = error instanceof TooManyBadRowsError ? [...quarantine.samples] : [];
    sink.discard();
    quarantine.discard();
    if (!isFileRejectedError(error)) throw error;
    report.status = 'rejected';
    report.read = 0;
    report.samples = samples;
    report.rejected = {
      reason: clip(error.message, LIMITS.reasonChars),
      hint: clip(error.hint ?? '', LIMITS.reasonChars),
      line: error.line ?? null,
    };
    ctx.log.warn(`${file.path}: rejected: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    return { report, sink: undefined, layout, quarantine: undefined };
  }
  report.loaded = sink.rows;
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
  return { report, sink, layout, quarantine: quarantine.count > 0 ? quarantine : undefined };
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
  sink: RowSink,
  layout: SinkLayout,
  dropId: string,
  scratch: string,
): Promise<void> {
  const key = `raw/${table}/drop=${dropId}/part-0.parquet`;
  const local =
    ctx.store instanceof FsStore ? tempPathFor(ctx.store.path(key)) : join(scratch, `${table}.parquet`);
  await mkdir(dirname(local), { recursive: true });
  await copyToParquet(engine, tableByName(table), sink, layout, dropId, local);
  // the normalized rows can be as large as the export: free the disk as soon as they are in Parquet
  await rm(sink.path, { force: true });
  if (ctx.store instanceof FsStore) await rename(local, ctx.store.path(key));
  else await uploadFile(ctx.store, key, local, 'application/vnd.apache.parquet');
  crashPoint('ingest:table-written');
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
export async function ingestDrop(given: StageContext, dropId: string): Promise<IngestReport> {
  checkDropId(dropId);
  // file names, reasons and values come from the export: no line may flood or forge the console
  const ctx: StageContext = { ...given, log: clippedLog(given.log) };
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
  // un-commit first: while its raw files are rewritten the drop must not be read (see committed.ts)
  await ctx.store.deletePrefix(reportKey(dropId));
  const scratch = join(ctx.scratch, `ingest-${dropId}-${process.pid}`);
  await mkdir(scratch, { recursive: true });
  // one thread: a copy in file order on two threads buffers whatever runs ahead, and memory grows with the file
  // (a 3 GiB export took DuckDB past 1 GB); one thread keeps it flat, and JavaScript parses on the other core
  const engine = await DuckDbEngine.open({ ...ctx.duckdb, threads: 1 });
  // DuckDB copies one file's rows to Parquet while the next file is parsed
  let copies: Promise<void> = Promise.resolve();
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
        rejected: { reason: clip(r.reason, LIMITS.reasonChars), hint: clip(r.hint, LIMITS.reasonChars), line: null },
        quarantineKey: null,
        samples: [],
      };
    });
    const written = new Set<string>();
    const quarantines: { key: string; path: string }[] = [];
    const mappingContext = await mappingContextFor(ctx, dropId, files, scratch);
    for (const [n, file] of (await pipelineOrder(ctx, dropId, files, scratch)).entries()) {
      const outcome = await ingestFile(ctx, dropId, file, scratch, n, mappingContext);
      reports.push(outcome.report);
      const sink = outcome.sink;
      if (sink) {
        written.add(file.known.table);
        const layout = outcome.layout;
        copies = copies.then(() => writeRaw(ctx, engine, file.known.table, sink, layout, dropId, scratch));
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
    for (const q of quarantines) await uploadFile(ctx.store, q.key, q.path, 'application/x-ndjson');
    reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const report = dropReport(dropId, reports, ignored);
    crashPoint('ingest:before-report');
    await putJson(ctx.store, reportKey(dropId), report);
    const t = report.totals;
    ctx.log.info(
      `drop ${dropId}: ${t.files} files, ${t.loaded} records loaded, ${t.quarantined} quarantined, ${t.rejectedFiles} files rejected`,
    );
    return report;
  } finally {
    // never close DuckDB under a running copy
    await copies.catch(() => undefined);
    await engine.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
