import { stageHandler } from '../aws/stage-handler.ts';
import { computeVersion } from './compute.ts';

/**
 * Lambda entry of the compute state: computes version `asOf` over the lake
 * bucket and replaces its kpi/ partitions; a retry simply recomputes.
 */
export const handler = stageHandler('scorecard-compute', async (ctx, asOf, lease) => {
  const { rows } = await computeVersion(ctx, asOf, lease);
  return { asOf, rows };
});
