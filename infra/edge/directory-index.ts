/**
 * The object a viewer's path is served from: S3 origins behind origin
 * access control do not map `/dir/` to `/dir/index.html` (the design (README)), and
 * Astro builds every page as `<path>/index.html`. A last segment without a
 * dot is a page folder too.
 *
 * @example
 * indexUri('/v/2026-11-26/');        // '/v/2026-11-26/index.html'
 * indexUri('/v/2026-11-26/kpis');    // '/v/2026-11-26/kpis/index.html'
 * indexUri('/assets/site.css');      // '/assets/site.css'
 */
export function indexUri(uri: string): string {
  if (uri.endsWith('/')) return `${uri}index.html`;
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  return last.includes('.') ? uri : `${uri}/index.html`;
}
