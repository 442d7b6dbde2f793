import { App } from 'aws-cdk-lib';
import { loadConfig } from '../functions/config.ts';
import { isScorecardError } from '../functions/errors.ts';
import { buildScorecard } from './scorecard.ts';

// `npx cdk synth` / `deploy` run this (cdk.json): one config file, all stacks.
try {
  const app = new App();
  buildScorecard(app, await loadConfig());
  app.synth();
} catch (error) {
  // a config mistake is the user's to fix: say what and how, without a stack trace
  if (!isScorecardError(error)) throw error;
  process.stderr.write(`scorecard: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
  process.exitCode = 1;
}
