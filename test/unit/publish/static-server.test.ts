import { describe, expect, it } from 'vitest';
import { fileFor } from '../../../functions/publish/static-server.ts';

describe('fileFor', () => {
  it.each([
    ['/', '/site/index.html'],
    ['/v/2026-11-26/team/x/?q=1', '/site/v/2026-11-26/team/x/index.html'],
    ['/v/2026-11-26/_astro/a.css', '/site/v/2026-11-26/_astro/a.css'],
    ['/%2e%2e/secret', '/site/secret'],
    ['/../../etc/passwd', '/site/etc/passwd'],
  ])('maps %s to %s and never leaves the root', (url, file) => {
    expect(fileFor('/site', url)).toBe(file);
  });

  it('refuses a path that cannot be decoded', () => {
    expect(fileFor('/site', '/%E0%A4%A')).toBeUndefined();
  });
});
