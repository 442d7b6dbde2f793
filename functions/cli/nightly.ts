import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { runNightly } from '../nightly.ts';
import { UsageError } from '../errors.ts';
import { dateOption, todayUtc, type Command } from './command.ts';
import { withContext } from './context.ts';
import { holderName, withWorkspaceLease } from '../run/guard.ts';

export const nightlyCommand: Command = {
  name: 'nightly',
  summary: 'run ingest → compute → publish → notify on the local workspace',
  help: `Usage: scorecard nightly [--as-of DATE] [--input DROP]

Runs the whole nightly job on the workspace (.scorecard/ unless the config says
otherwise): ingests every landed drop not yet ingested, computes the KPI tables
as of DATE, builds that version of the report site and writes the e-mails.
With no --input and an empty workspace it first generates the demo organisation.

Options:
  --as-of DATE   business date of the run, YYYY-MM-DD (default: today, UTC)
  --input DROP   a folder of exports to land and ingest first, as drop DATE
  --resend-uncertain
                 e-mail again whoever a crashed run may have e-mailed (see notify)

Exit codes: 0 all done and clean; 1 something was rejected, quarantined, not
landed whole or not surely e-mailed (the night still published what it
could), or a stage failed; 2 a wrong command line; 3 another run holds the
workspace (nothing was done).

Examples:
  scorecard nightly
  scorecard nightly --as-of 2026-11-26 --input ./exports/2026-11-26`,
  options: {
    'as-of': { type: 'string' },
    input: { type: 'string' },
    'resend-uncertain': { type: 'boolean' },
  },
  async run(values) {
    const asOf = dateOption(values['as-of'], 'as-of') ?? todayUtc();
    const input = values.input === undefined ? undefined : resolve(String(values.input));
    if (input && !existsSync(input)) throw new UsageError(`--input ${input} does not exist`, 'give the folder that holds crm/, lms/, …');
    return withContext(values.config as string | undefined, (ctx) => withWorkspaceLease(ctx, holderName(), async (lease) => {
      const started = Date.now();
      const result = await runNightly(ctx, { asOf, input, lease, resendUncertain: values['resend-uncertain'] === true });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const where = ctx.config.store.kind === 'fs' ? ctx.config.workspace : ctx.store.description;
      process.stderr.write(
        [
          '',
          `Done in ${seconds} s: version ${asOf}, ${result.pages.length} pages.`,
          `  site:    ${where}/site/v/${asOf}/index.html`,
          `  outbox:  ${where}/outbox/${asOf}/`,
          `  preview: npm run preview   (then open http://localhost:4321/v/${asOf}/)`,
          result.problems > 0
            ? `  ${result.problems} problem(s): files rejected or with rows quarantined (see the data-quality page), landings without _SUCCESS or uncertain e-mails (see the warnings above).`
            : '',
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
      return result.problems > 0 ? 1 : 0;
    }));
  },
};
