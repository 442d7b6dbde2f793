import { join, resolve } from 'node:path';
import { previewGate } from '../access/preview-gate.ts';
import { loadConfig } from '../config.ts';
import { UsageError } from '../errors.ts';
import { SITE_PREFIX } from '../report/routes.ts';
import { serveStatic } from '../publish/static-server.ts';
import { FsStore } from '../store/fs.ts';
import { intOption, type Command } from './command.ts';

export const previewCommand: Command = {
  name: 'preview',
  summary: 'serve the published site locally, as everyone or as one person would see it',
  help: `Usage: scorecard preview [--as EMAIL] [--port N] [--host HOST]

Serves the site published in the workspace (site/: every version, latest/
and the versions page) on http://127.0.0.1:4321/ until stopped (Ctrl+C).

With --as EMAIL, every request passes the same access rule as the sign-in
gate in AWS, as the person with that e-mail: an AE opens their own pages, a
manager their team, its AEs and every team below, an org viewer
(access.orgViewers) or the top of the CRM hierarchy everything. Anything
else answers 403. Without --as, everything is served.

Options:
  --as EMAIL   be this person (a CRM user's e-mail, or one of access.orgViewers)
  --port N     the port (default 4321; 0: any free port)
  --host HOST  the address to listen on (default 127.0.0.1)

Examples:
  scorecard preview
  scorecard preview --as somchai.k@example.com --port 4322`,
  options: {
    as: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
  async run(values) {
    const config = await loadConfig(values.config as string | undefined);
    // 0: any free port (the address is printed)
    const port = values.port === '0' ? 0 : intOption(values.port, 'port', 4321);
    if (port > 65_535) throw new UsageError(`--port must be at most 65535, not ${port}`);
    const email = values.as === undefined ? undefined : String(values.as);
    if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`--as must be an e-mail address, not "${email}"`);
    const root = resolve(join(config.workspace, SITE_PREFIX));
    // the access lists are the workspace's, beside site/ (never inside it)
    const allow = email === undefined ? undefined : await previewGate(new FsStore(config.workspace), email);
    const { url } = await serveStatic(root, { port, host: (values.host as string | undefined) ?? '127.0.0.1', allow });
    process.stderr.write(`Serving ${root} on ${url}/${email ? ` as ${email}` : ''} (Ctrl+C to stop)\n`);
    // runs until the process is stopped
    await new Promise<never>(() => {});
    return 0;
  },
};
