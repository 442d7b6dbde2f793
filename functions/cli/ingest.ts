import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { checkDropId } from '../ingest/drop-id.ts';
import { ingestDrop, landDrop } from '../ingest/ingest.ts';
import { allLoaded } from '../lake/ingest-report.ts';
import { formatReportTable } from '../ingest/report-table.ts';
import { todayUtc, type Command } from './command.ts';
import { withContext } from './context.ts';
import { holderName, withWorkspaceLease } from '../run/guard.ts';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'land a folder of CRM/LMS exports as a drop and load it into the lake',
  help: `Usage: scorecard ingest <folder> [--drop ID]

Copies the exports in <folder> (crm/, hubspot/, surveys/, coaching/, lms/) to
landing/<ID>/ unchanged, checks every file against the data contract, writes
the typed rows to raw/, bad rows to quarantine/<ID>/ and the report to
reports/ingest/<ID>.json, and prints the report.

Exit code: 0 every file loaded; 1 a row was quarantined or a file rejected
(what loaded is in the lake); 2 the command line is wrong.

Options:
  --drop ID   drop id (default: today's date, UTC). Ids must sort in the order
              the exports were made: 2026-11-26, or 2026-11-26T0200Z for
              several drops a day.

Examples:
  scorecard ingest ./exports/2026-11-26
  scorecard ingest ./exports/late --drop 2026-11-26T1400Z`,
  options: {
    drop: { type: 'string' },
  },
  async run(values, positionals) {
    if (positionals.length !== 1) {
      throw new UsageError('give exactly one folder of exports', 'e.g. scorecard ingest ./exports/2026-11-26');
    }
    const folder = resolve(positionals[0] ?? '');
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new UsageError(`${folder} is not a folder`, 'give the folder that holds crm/, surveys/, lms/ …');
    }
    const dropId = values.drop === undefined ? todayUtc() : String(values.drop);
    try {
      checkDropId(dropId);
    } catch (error) {
      throw new UsageError(`--drop: ${(error as Error).message}`, (error as UsageError).hint);
    }
    return withContext(values.config as string | undefined, (ctx) => withWorkspaceLease(ctx, holderName(), async () => {
      await landDrop(ctx, folder, dropId);
      const report = await ingestDrop(ctx, dropId);
      process.stdout.write(formatReportTable(report, ctx.store.description));
      return allLoaded(report) ? 0 : 1;
    }));
  },
};
