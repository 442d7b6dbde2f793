import { publishVersion } from '../publish/publish.ts';
import { absoluteUrl } from '../report/routes.ts';
import { dateOption, todayUtc, type Command } from './command.ts';
import { withContext } from './context.ts';
import { holderName, withWorkspaceLease } from '../run/guard.ts';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'build the report site of a version and store it under site/v/DATE/',
  help: `Usage: scorecard publish [--as-of DATE]

Builds the static report site of version DATE from its KPI tables
(kpi/*/as_of=DATE/, written by scorecard compute): an org page, a page per
team and per active AE, the KPI definitions and the data-quality page. Stores
it under site/v/DATE/ in the workspace (or bucket), then points site/latest/,
site/index.html and the versions page at the newest version. Older versions
are never changed; publishing DATE again replaces version DATE.

Options:
  --as-of DATE   the version to build, YYYY-MM-DD (default: today, UTC)

Examples:
  scorecard publish --as-of 2026-11-26
  npm run preview        # then open http://localhost:4321/`,
  options: {
    'as-of': { type: 'string' },
  },
  async run(values) {
    const asOf = dateOption(values['as-of'], 'as-of') ?? todayUtc();
    return withContext(values.config as string | undefined, (ctx) => withWorkspaceLease(ctx, holderName(), async (lease) => {
      const { pages } = await publishVersion({ ...ctx, log: ctx.log.child('publish') }, asOf, lease);
      process.stderr.write(`Version ${asOf}: ${pages.length} pages, ${absoluteUrl(ctx.config.siteBaseUrl, pages[0] ?? '')}\n`);
      return 0;
    }));
  },
};
