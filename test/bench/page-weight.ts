import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Bytes of one built page and of what a browser must fetch to show it. */
export interface PageWeight {
  /** the page's folder inside the version, e.g. `ae/005…/` (`''` for the org page) */
  page: string;
  /** index.html, inline SVG charts included */
  htmlBytes: number;
  /** the part of the HTML that is inline `<svg>` */
  svgBytes: number;
  /** inline `<script>` bodies plus every script file the page loads */
  jsBytes: number;
  /** stylesheet files the page links */
  cssBytes: number;
}

/** min / median / mean / max of one measure over the pages. */
export interface Spread {
  min: number;
  median: number;
  mean: number;
  max: number;
}

export interface SiteWeight {
  pages: number;
  html: Spread;
  svg: Spread;
  js: Spread;
  css: Spread;
  /** the heaviest page by HTML bytes */
  heaviest: string;
  /** every file of the version: HTML, CSS, JS, JSON */
  totalBytes: number;
}

const SVG = /<svg[\s>][\s\S]*?<\/svg>/g;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const STYLESHEET = /<link\b[^>]*rel="stylesheet"[^>]*>/g;
const HREF = /\b(?:href|src)="([^"]+)"/;

/** Bytes of a file the page links by an absolute path under `base`; 0 for other origins. */
async function linkedBytes(versionDir: string, base: string, url: string, seen: Map<string, number>): Promise<number> {
  if (!url.startsWith(base)) return 0;
  const file = join(versionDir, ...url.slice(base.length).split('?')[0]!.split('/'));
  if (!seen.has(file)) seen.set(file, existsSync(file) ? (await stat(file)).size : 0);
  return seen.get(file)!;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) return { min: 0, median: 0, mean: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    min: sorted[0]!,
    median,
    mean: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * Weighs every page of one built version folder (`site/v/<as_of>/` of a
 * folder lake): HTML with its inline SVG, and the JavaScript and CSS each
 * page loads (`base` is the URL path the pages link their assets under,
 * e.g. `/v/2026-03-31/`).
 *
 * @example
 * const weight = await weighPages('lake/site/v/2026-03-31', '/v/2026-03-31/');
 * weight.html.max; // bytes of the heaviest page
 */
export async function weighPages(versionDir: string, base: string): Promise<{ weight: SiteWeight; pages: PageWeight[] }> {
  const entries = await readdir(versionDir, { withFileTypes: true, recursive: true });
  const seen = new Map<string, number>();
  const pages: PageWeight[] = [];
  let totalBytes = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    totalBytes += (await stat(file)).size;
    if (entry.name !== 'index.html') continue;
    const html = await readFile(file, 'utf8');
    let jsBytes = 0;
    for (const [, attributes, body] of html.matchAll(SCRIPT)) {
      const src = HREF.exec(attributes ?? '')?.[1];
      jsBytes += src ? await linkedBytes(versionDir, base, src, seen) : Buffer.byteLength(body ?? '');
    }
    let cssBytes = 0;
    for (const [link] of html.matchAll(STYLESHEET)) {
      const href = HREF.exec(link)?.[1];
      if (href) cssBytes += await linkedBytes(versionDir, base, href, seen);
    }
    const dir = relative(versionDir, entry.parentPath);
    pages.push({
      page: dir === '' ? '' : `${dir.split(sep).join('/')}/`,
      htmlBytes: Buffer.byteLength(html),
      svgBytes: [...html.matchAll(SVG)].reduce((sum, [svg]) => sum + Buffer.byteLength(svg), 0),
      jsBytes,
      cssBytes,
    });
  }
  pages.sort((a, b) => a.page.localeCompare(b.page));
  const heaviest = pages.reduce<PageWeight | undefined>((a, b) => (a && a.htmlBytes >= b.htmlBytes ? a : b), undefined);
  return {
    weight: {
      pages: pages.length,
      html: spread(pages.map((p) => p.htmlBytes)),
      svg: spread(pages.map((p) => p.svgBytes)),
      js: spread(pages.map((p) => p.jsBytes)),
      css: spread(pages.map((p) => p.cssBytes)),
      heaviest: heaviest?.page ?? '',
      totalBytes,
    },
    pages,
  };
}
