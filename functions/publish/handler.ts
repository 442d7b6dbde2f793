import { stageHandler } from '../aws/stage-handler.ts';
import { publishVersion } from './publish.ts';

/**
 * Lambda entry of the publish stage: builds version `asOf` of the site from
 * the lake bucket and stores it under `site/`. (The deployed pipeline runs the
 * same build in CodeBuild through build-site.ts; this handler serves a
 * container-image Lambda or a local imitation.)
 */
export const handler = stageHandler('scorecard-publish', async (ctx, asOf, lease) => {
  const { pages } = await publishVersion(ctx, asOf, lease);
  return { asOf, pages: pages.length };
});
