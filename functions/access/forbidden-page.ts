import { escapeHtml } from '../html.ts';

/**
 * The 403 page of the edge gate and of `scorecard preview --as`: says why,
 * and links to the reader's own page when there is one. Names nothing of
 * the page asked for.
 *
 * @example
 * forbiddenPage('/v/2026-11-26/ae/005A/') // '<!doctype html>… <a href="/v/2026-11-26/ae/005A/">…'
 */
export function forbiddenPage(home?: string): string {
  const link = home ? `<p><a href="${escapeHtml(home)}">Open your own report</a></p>` : '';
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>Scorecard</title><h1>Not your report</h1><p>Your role does not let you open this page. Each person sees their own report; managers see their teams.</p>${link}</html>`;
}
