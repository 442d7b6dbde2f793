import { ScorecardError } from '../errors.ts';
import type { ObjectStore } from '../store/store.ts';
import { readAccessList } from './access-store.ts';
import { forbiddenPage } from './forbidden-page.ts';
import { viewerByEmail } from './rule.ts';
import { accessListFor, accessOf, decide, homePage, rootRedirect } from './rule.ts';

/**
 * The check `scorecard preview --as EMAIL` runs on every request: the same
 * rule as the edge gate, with the viewer found by e-mail in each version's
 * access list (locally, the workspace's owner says who to be). The lists
 * are read on every request, so a publish shows at once.
 *
 * @example
 * const allow = await previewGate(store, 'ae@example.com');
 * await allow('/v/2026-11-26/'); // { ok: false, body: '<!doctype html>…' }
 */
export async function previewGate(store: ObjectStore, email: string): Promise<(urlPath: string) => Promise<{ ok: boolean; body?: string; redirect?: string }>> {
  const latest = await readAccessList(store, { kind: 'latest' });
  if (!latest) {
    throw new ScorecardError(
      `no access list in ${store.description} (access/latest.json)`,
      'publish a version first (scorecard publish, or scorecard nightly): publish writes who may open which page',
    );
  }
  if (!accessOf(viewerByEmail(email, latest), latest)) {
    throw new ScorecardError(
      `${email} may open no page of version ${latest.asOf}: it is not the e-mail of an AE or manager in the CRM, nor in access.orgViewers`,
      'give the e-mail of a CRM user of that version (the users export), or add it to access.orgViewers in scorecard.config.json',
    );
  }
  return async (urlPath) => {
    const list = await readAccessList(store, accessListFor(urlPath));
    const viewer = list ? viewerByEmail(email, list) : { email };
    const own = rootRedirect(viewer, urlPath, list);
    if (own) return { ok: false, redirect: `/${own}` };
    if (decide(viewer, urlPath, list) === 'allow') return { ok: true };
    const home = list && homePage(viewer, list);
    return { ok: false, body: forbiddenPage(home ? `/${home}` : undefined) };
  };
}
