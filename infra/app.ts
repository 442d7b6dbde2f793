import { App } from 'aws-cdk-lib';
import { loadConfig } from '../functions/config.ts';
import { buildScorecard } from './scorecard.ts';

// `npx cdk synth` / `deploy` run this (cdk.json): one config file, three stacks.
const app = new App();
buildScorecard(app, await loadConfig());
app.synth();
