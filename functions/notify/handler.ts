import { stageHandler } from '../aws/stage-handler.ts';
import { notifyVersion } from './notify.ts';

/**
 * Lambda entry of the notify state: e-mails the links of version `asOf`
 * through the configured transport (SES in AWS, see configFromEnv); a retry
 * sends only what is missing.
 */
export const handler = stageHandler('scorecard-notify', (ctx, asOf) => notifyVersion(ctx, asOf));
