#!/usr/bin/env node
// The CLI is TypeScript; tsx runs it directly so that there is no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every run under Node 20 that future versions will need
// Node 22; users cannot act on that here, so it would only hide real output.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!String(warning.message).includes('NodeVersionSupportWarning')) process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
