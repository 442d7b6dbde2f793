import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { writeDemoDrop, type WriteFile } from '../demo/demo.ts';
import { UsageError } from '../errors.ts';
import { dateOption, intOption, todayUtc, type Command } from './command.ts';

/** A writer that streams a drop's files under `dir` (large scales do not fit in memory). */
export function folderWriter(dir: string): WriteFile {
  return async (relativePath, chunks) => {
    const file = join(dir, relativePath);
    await mkdir(dirname(file), { recursive: true });
    await pipeline(Readable.from(chunks), createWriteStream(file));
  };
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write a synthetic drop of CRM and LMS exports',
  help: `Usage: scorecard demo --out DIR [--as-of DATE] [--seed N] [--scale N] [--crm salesforce|hubspot]

Writes a realistic, deterministic drop of exports (a sales organisation of a VP,
managers and AEs, 18 months of history up to --as-of) in the layout of the data
contract: crm/*.csv, surveys/csat.csv, coaching/feedback.csv, lms/statements.jsonl.
The same --as-of, --seed and --scale always give the same bytes.

Options:
  --out DIR     folder to write (created if missing)
  --as-of DATE  last day of history, YYYY-MM-DD (default: today, UTC)
  --seed N      random seed (default 1)
  --scale N     organisation size: 1 is about 20 AEs; N is N times that (default 1)
  --crm NAME    salesforce (default) or hubspot export layout

Example:
  scorecard demo --out demo-drop --as-of 2026-11-26 --scale 2`,
  options: {
    out: { type: 'string' },
    'as-of': { type: 'string' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    crm: { type: 'string' },
  },
  async run(values) {
    if (!values.out) throw new UsageError('--out DIR is required', 'example: scorecard demo --out demo-drop');
    const crm = values.crm ?? 'salesforce';
    if (crm !== 'salesforce' && crm !== 'hubspot') throw new UsageError(`--crm must be salesforce or hubspot, not "${crm}"`);
    const asOf = dateOption(values['as-of'], 'as-of') ?? todayUtc();
    const dir = resolve(String(values.out));
    const counts = await writeDemoDrop(folderWriter(dir), {
      asOf,
      seed: intOption(values.seed, 'seed', 1),
      scale: intOption(values.scale, 'scale', 1),
      crm,
    });
    for (const [file, rows] of Object.entries(counts)) process.stderr.write(`  ${file.padEnd(34)} ${rows} rows\n`);
    process.stderr.write(`Wrote a demo drop as of ${asOf} to ${dir}\n`);
    return 0;
  },
};
