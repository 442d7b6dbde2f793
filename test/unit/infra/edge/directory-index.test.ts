import { describe, expect, it } from 'vitest';
import { indexUri } from '../../../../infra/edge/directory-index.ts';

describe('indexUri', () => {
  it.each([
    ['/', '/index.html'],
    ['/v/2026-11-26/', '/v/2026-11-26/index.html'],
    ['/v/2026-11-26', '/v/2026-11-26/index.html'],
    ['/v/2026-11-26/team/005Hs0000000002AAA', '/v/2026-11-26/team/005Hs0000000002AAA/index.html'],
    ['/latest/', '/latest/index.html'],
    ['/_astro/site.3f2a.css', '/_astro/site.3f2a.css'],
    ['/v/2026-11-26/index.html', '/v/2026-11-26/index.html'],
  ])('maps %s to %s', (uri, expected) => {
    expect(indexUri(uri)).toBe(expected);
  });
});
