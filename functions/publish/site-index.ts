import type { Locale } from '../config.ts';
import { escapeHtml } from '../html.ts';
import { putMany } from '../store/put-many.ts';
import type { ObjectStore } from '../store/store.ts';
import { FONT_STACK } from './fonts.ts';
import { formatter } from '../report/format.ts';
import { messagesFor, type Messages } from '../report/i18n/messages.ts';
import { latestPagePath, navPath, pageFile, SITE_PREFIX, versionPath, versionsPath, type Direction } from '../report/routes.ts';
import { neighbours, readPages, type PublishedVersion } from './site-versions.ts';

const HTML = 'text/html; charset=utf-8';

const STYLE = `body{font-family:${FONT_STACK};max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d232a}
a{color:#1f5fa8}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d6dbe1}
.tag{font-size:.8rem;background:#e6eef7;border-radius:4px;padding:0 .35rem;margin-left:.4rem}`;

/** A small standalone page (the top-level pages are not part of any version's build). */
function shell(locale: Locale, title: string, body: string, redirectTo?: string): string {
  const refresh = redirectTo ? `\n<meta http-equiv="refresh" content="0; url=${escapeHtml(redirectTo)}">` : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">${refresh}
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * A redirect stub: opens `target` at once (no JavaScript needed), and says
 * where it goes for anyone whose browser does not follow the refresh.
 *
 * @example
 * redirectPage('en', '/v/2026-11-26/team/x/', 'The report of Nov 26, 2026')
 */
export function redirectPage(locale: Locale, target: string, label: string, note = ''): string {
  const m = messagesFor(locale);
  const body = `<h1>${escapeHtml(m.redirect.title)}</h1>
${note ? `<p>${escapeHtml(note)}</p>\n` : ''}<p><a href="${escapeHtml(target)}">${escapeHtml(label)}</a></p>`;
  return shell(locale, m.redirect.title, body, target);
}

/** A page where a version link has nowhere to go: no older, or no newer version yet. */
function deadEndPage(locale: Locale, message: string, back: string, versions: string): string {
  const m = messagesFor(locale);
  const body = `<h1>${escapeHtml(m.siteTitle)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(back)}">${escapeHtml(m.redirect.goingTo)}</a> · <a href="${escapeHtml(versions)}">${escapeHtml(m.nav.versions)}</a></p>`;
  return shell(locale, m.siteTitle, body);
}

/** The versions page: every published version, newest first, each linking to its org page. */
export function versionsPage(locale: Locale, prefix: string, versions: PublishedVersion[], currency: string): string {
  const m = messagesFor(locale);
  const f = formatter(m, currency);
  const newest = versions.at(-1)?.asOf;
  const rows = [...versions]
    .reverse()
    .map(
      (v) =>
        `<tr><th scope="row"><a href="${escapeHtml(prefix + versionPath(v.asOf))}">${escapeHtml(f.date(v.asOf))}</a>${
          v.asOf === newest ? `<span class="tag">${escapeHtml(m.versions.newest)}</span>` : ''
        }</th><td>${escapeHtml(v.publishedAt ? f.timestamp(v.publishedAt) : '')}</td></tr>`,
    )
    .join('\n');
  const table = versions.length
    ? `<table><thead><tr><th scope="col">${escapeHtml(m.versions.version)}</th><th scope="col">${escapeHtml(m.versions.publishedAt)}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : `<p>${escapeHtml(m.versions.noVersions)}</p>`;
  return shell(locale, `${m.versions.title} · ${m.siteTitle}`, `<h1>${escapeHtml(m.versions.title)}</h1>\n<p>${escapeHtml(m.versions.intro)}</p>\n${table}`);
}

interface StubContext {
  store: ObjectStore;
  locale: Locale;
  currency: string;
  /** the site's URL path prefix, e.g. `/` */
  prefix: string;
  messages: Messages;
}

/** Writes the stubs that lead from each page of `from` to the same page of `to` (or to a dead end). */
async function writeNavStubs(c: StubContext, from: string, direction: Direction, to: string | null): Promise<number> {
  const pages = await readPages(c.store, from);
  const targetPages = to ? new Set(await readPages(c.store, to)) : new Set<string>();
  const f = formatter(c.messages, c.currency);
  const stubs = pages.map((page) => {
    const key = `${SITE_PREFIX}${pageFile(navPath(from, direction, page))}`;
    let html: string;
    if (to) {
      // a page the other version does not have (an AE who left) leads to that version's org page
      const has = targetPages.has(page);
      html = redirectPage(
        c.locale,
        `${c.prefix}${versionPath(to)}${has ? page : ''}`,
        c.messages.asOf(f.date(to)),
        has ? '' : c.messages.redirect.notInVersion,
      );
    } else {
      const message = direction === 'previous' ? c.messages.redirect.noOlder : c.messages.redirect.noNewer;
      html = deadEndPage(c.locale, message, `${c.prefix}${versionPath(from)}${page}`, `${c.prefix}${versionsPath}`);
    }
    return { key, body: html, contentType: HTML };
  });
  await putMany(c.store, stubs);
  const keep = new Set(stubs.map((stub) => stub.key));
  // stubs of pages that a re-published version no longer has
  for (const key of await c.store.list(`${SITE_PREFIX}${navPath(from, direction, '')}`)) {
    if (!keep.has(key)) await c.store.deletePrefix(key);
  }
  return pages.length;
}

/**
 * Brings everything outside `site/v/` up to date after version `asOf` was
 * stored: the version links of it and of its neighbours, `latest/` (a stub
 * per page of the newest version), `index.html` and the versions page.
 * Older versions' own files are never written.
 *
 * Why stubs: a page of version D cannot know its next version when it is
 * built, and D must not change later. So every page links to
 * `nav/D/next/<page>` and `nav/D/previous/<page>`, small redirect pages that
 * live outside D and are rewritten whenever a neighbour is published. They
 * need no JavaScript and work on any static host.
 *
 * @example
 * await updateSiteIndex(store, { locale: 'en', currency: 'USD', prefix: '/' }, '2026-11-26', versions);
 */
export async function updateSiteIndex(
  store: ObjectStore,
  options: { locale: Locale; currency: string; prefix: string },
  asOf: string,
  versions: PublishedVersion[],
): Promise<void> {
  const c: StubContext = { store, ...options, messages: messagesFor(options.locale) };
  const dates = versions.map((v) => v.asOf);
  const { previous, next } = neighbours(dates, asOf);
  await writeNavStubs(c, asOf, 'previous', previous);
  await writeNavStubs(c, asOf, 'next', next);
  if (previous) await writeNavStubs(c, previous, 'next', asOf);
  if (next) await writeNavStubs(c, next, 'previous', asOf);

  const newest = dates.at(-1);
  if (newest === asOf) await writeLatest(c, asOf);
  await store.put(`${SITE_PREFIX}${pageFile(versionsPath)}`, versionsPage(c.locale, c.prefix, versions, c.currency), HTML);
}

/** `latest/<page>` for every page of the newest version, and `index.html`, all leading to it. */
async function writeLatest(c: StubContext, asOf: string): Promise<void> {
  const pages = await readPages(c.store, asOf);
  const label = c.messages.asOf(formatter(c.messages, c.currency).date(asOf));
  const stubs = pages.map((page) => ({
    key: `${SITE_PREFIX}${pageFile(latestPagePath(page))}`,
    body: redirectPage(c.locale, `${c.prefix}${versionPath(asOf)}${page}`, label),
    contentType: HTML,
  }));
  await putMany(c.store, stubs);
  const keep = new Set(stubs.map((stub) => stub.key));
  for (const key of await c.store.list(`${SITE_PREFIX}${latestPagePath('')}`)) {
    if (!keep.has(key)) await c.store.deletePrefix(key);
  }
  await c.store.put(`${SITE_PREFIX}index.html`, redirectPage(c.locale, `${c.prefix}${versionPath(asOf)}`, label), HTML);
}
