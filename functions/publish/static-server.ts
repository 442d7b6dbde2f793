import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import { contentTypeOf } from '../store/local.ts';

/** The file a URL path maps to under `root`, or undefined when it would leave it. */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const full = resolve(root, `.${normalize(`/${path}`)}`);
  const base = resolve(root);
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  return path.endsWith('/') ? join(full, 'index.html') : full;
}

/**
 * Serves a built site folder as a static host would (a folder URL serves
 * its `index.html`, a folder without the slash redirects to it): the local
 * preview of every published version, and the browser tests' server.
 *
 * @example
 * const { url, close } = await serveStatic('.scorecard/site', { port: 4321 });
 */
export async function serveStatic(
  root: string,
  options: {
    port?: number;
    host?: string;
    /** decides each request before any file is looked up (`scorecard preview --as`): `false` answers 403 */
    allow?: (urlPath: string) => Promise<{ ok: boolean; body?: string; redirect?: string }>;
  } = {},
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = request.url ?? '/';
    const verdict = options.allow ? await options.allow(url).catch(() => ({ ok: false, body: undefined, redirect: undefined })) : { ok: true };
    if (!verdict.ok && verdict.redirect) {
      response.writeHead(302, { location: verdict.redirect, 'cache-control': 'no-store' }).end();
      return;
    }
    if (!verdict.ok) {
      response.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(verdict.body ?? 'Forbidden\n');
      return;
    }
    const file = fileFor(root, url);
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (file && info?.isDirectory()) {
      const [path, query] = url.split('?');
      response.writeHead(301, { location: `${path}/${query ? `?${query}` : ''}` }).end();
      return;
    }
    if (!file || !info?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypeOf(file) ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
