import { parseArgs } from 'node:util';
import { hasAwsEnv, withLambdaContext } from '../aws/env.ts';
import { withContext } from './context.ts';
import { dateOption } from './command.ts';
import { isScorecardError, UsageError } from '../errors.ts';
import { consoleLog } from '../log.ts';
import { publishVersion } from '../publish/publish.ts';
import { withWorkspaceLease } from '../run/guard.ts';

/**
 * `tsx functions/cli/build-site.ts --as-of D [--config FILE]`: the site
 * build as a plain node script, for CodeBuild (configured by the stacks'
 * environment, see functions/aws/env.ts) and for a laptop (configured by
 * scorecard.config.json, like `scorecard publish`).
 */
async function main(argv: string[]): Promise<number> {
  let values: { 'as-of'?: string; config?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { 'as-of': { type: 'string' }, config: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message, 'usage: tsx functions/cli/build-site.ts --as-of YYYY-MM-DD [--config FILE]');
  }
  const asOf = dateOption(values['as-of'], 'as-of');
  if (!asOf) throw new UsageError('--as-of is required', 'e.g. tsx functions/cli/build-site.ts --as-of 2026-11-26');
  const log = consoleLog('publish');
  const { pages } = hasAwsEnv()
    ? await withLambdaContext(log, (ctx) => withWorkspaceLease(ctx, `site build ${asOf}`, (lease) => publishVersion(ctx, asOf, lease)))
    : await withContext(values.config, (ctx) =>
        withWorkspaceLease(ctx, `site build ${asOf}`, (lease) => publishVersion({ ...ctx, log }, asOf, lease)),
      );
  process.stderr.write(`version ${asOf}: ${pages.length} pages\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!isScorecardError(error)) throw error;
    process.stderr.write(`build-site: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
