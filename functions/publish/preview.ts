import { join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { isScorecardError } from '../errors.ts';
import { SITE_PREFIX } from '../report/routes.ts';
import { serveStatic } from './static-server.ts';

/**
 * `npm run preview`: serves `<workspace>/site/` (every published version,
 * latest/ and the versions page) on http://localhost:4321 until stopped.
 */
async function main(): Promise<void> {
  const config = await loadConfig();
  const root = resolve(join(config.workspace, SITE_PREFIX));
  const port = Number(process.env.PORT ?? 4321);
  const { url } = await serveStatic(root, { port, host: process.env.HOST ?? '127.0.0.1' });
  process.stderr.write(`Serving ${root} on ${url}/ (Ctrl+C to stop)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`preview: ${isScorecardError(error) ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
