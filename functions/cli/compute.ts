import { computeVersion } from '../compute/compute.ts';
import { dateOption, todayUtc, type Command } from './command.ts';
import { withContext } from './context.ts';
import { holderName, withWorkspaceLease } from '../run/guard.ts';

export const computeCommand: Command = {
  name: 'compute',
  summary: 'compute the KPI tables of one as-of date from the ingested drops',
  help: `Usage: scorecard compute [--as-of DATE]

Computes every KPI of the catalog (the site's KPI definitions page says what
each counts) for every AE, team and the org, for the 12 months and 4 quarters
ending with DATE, from the lake's current state, and replaces the version's tables kpi/kpi_values/as_of=DATE/,
kpi/kpi_breakdowns/as_of=DATE/ and kpi/entities/as_of=DATE/, and the tables
behind the numbers (deals, pipeline_movement, pipeline_movement_deals,
forecast_calls) under kpi/<table>/as_of=DATE/. Other versions
are left alone; a past DATE recomputes that version. The result depends only
on the ingested drops, the config (fiscal year start, qualified lead
statuses, visit types, closed stages) and DATE.

Options:
  --as-of DATE   the business date, YYYY-MM-DD (default: today, UTC)

Examples:
  scorecard compute --as-of 2026-11-26
  scorecard sql "SELECT * FROM kpi_values WHERE level = 'org' AND kpi = 'bookings'"`,
  options: {
    'as-of': { type: 'string' },
  },
  async run(values) {
    const asOf = dateOption(values['as-of'], 'as-of') ?? todayUtc();
    return withContext(values.config as string | undefined, (ctx) => withWorkspaceLease(ctx, holderName(), async (lease) => {
      await computeVersion({ ...ctx, log: ctx.log.child('compute') }, asOf, lease);
      process.stderr.write(`Version ${asOf} written to kpi/*/as_of=${asOf}/ in ${ctx.store.description}.\n`);
      return 0;
    }));
  },
};
