import { chunked, type DropFile } from './chunks.ts';
import { demoContext, type DemoOptions } from './context.ts';
import { HUBSPOT_FILES } from './hubspot.ts';
import { SALESFORCE_FILES } from './salesforce.ts';
import { SHARED_FILES } from './shared-files.ts';

export type { DemoOptions } from './context.ts';

/**
 * Receives one file of the drop. `chunks` is the file's UTF-8 text in
 * pieces of about 64 KB, in order; the file is complete when the iterable
 * ends. An iterable rather than one string because at scale 100 a single
 * file (OpportunityHistory.csv, Task.csv) is gigabytes, more than a
 * JavaScript string can hold. Node's `fs.promises.writeFile(path, chunks)`
 * accepts it as is; `directoryWriter` and `memoryWriter` (writers.ts) are
 * ready-made. The writer must consume the iterable to the end: the rows are
 * counted as they are produced.
 */
export type WriteFile = (relativePath: string, chunks: AsyncIterable<string>) => Promise<void>;

/**
 * Writes every file of one synthetic drop via `write` (paths like
 * `crm/Opportunity.csv`, `lms/statements.jsonl`), one file at a time, and
 * returns the number of data rows (CSV rows without the header, JSONL
 * lines) per path. The same options always give byte-identical files.
 *
 * The drop holds 18 months of history ending at asOf. Nothing that
 * happened is dated after asOf; planned dates may be: an open deal's close
 * date, a contract's end date (and the start of a draft), quotas up to two
 * months ahead, training due dates.
 *
 * Memory stays at about one territory (≈ one AE's book) whatever the scale:
 * each file regenerates the territories it needs from the seed, so the CPU
 * cost is roughly ten passes over the organisation; small drops keep their
 * first books (book.ts) and build each once.
 *
 * @example
 * const counts = await writeDemoDrop(directoryWriter('.scorecard/landing/demo'), { asOf: '2026-03-31', seed: 1, scale: 1 });
 * counts['crm/Opportunity.csv']; // about 20 000
 */
export async function writeDemoDrop(write: WriteFile, options: DemoOptions): Promise<Record<string, number>> {
  const ctx = demoContext(options);
  const files: readonly DropFile[] = [...(ctx.crm === 'hubspot' ? HUBSPOT_FILES : SALESFORCE_FILES), ...SHARED_FILES];
  const counts: Record<string, number> = {};
  for (const file of files) {
    const counter = { rows: 0 };
    await write(file.path, chunked(file, ctx, counter));
    counts[file.path] = counter.rows;
  }
  return counts;
}
