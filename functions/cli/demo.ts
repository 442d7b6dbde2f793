import { resolve } from 'node:path';
import { writeDemoDrop } from '../demo/demo.ts';
import { directoryWriter } from '../demo/writers.ts';
import { UsageError } from '../errors.ts';
import { dateOption, intOption, todayUtc, type Command } from './command.ts';

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
    const counts = await writeDemoDrop(directoryWriter(dir), {
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
