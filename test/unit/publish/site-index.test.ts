import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redirectPage, updateSiteIndex, versionsPage } from '../../../functions/publish/site-index.ts';
import { neighbours, pagesKey, type PublishedVersion } from '../../../functions/publish/site-versions.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { getText, putJson } from '../../../functions/store/store.ts';

const refreshTarget = (html: string | undefined) => /http-equiv="refresh" content="0; url=([^"]+)"/.exec(html ?? '')?.[1];

describe('neighbours', () => {
  it.each([
    [['2026-11-24', '2026-11-26'], '2026-11-25', '2026-11-24', '2026-11-26'],
    [['2026-11-24', '2026-11-26'], '2026-11-26', '2026-11-24', null],
    [['2026-11-26'], '2026-11-26', null, null],
  ])('of %j around %s', (versions, asOf, previous, next) => {
    expect(neighbours(versions, asOf)).toEqual({ previous, next });
  });
});

describe('redirectPage and versionsPage', () => {
  it('escape what they write', () => {
    const html = redirectPage('en', '/v/x/"><script>', '<b>label</b>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('url=/v/x/&quot;&gt;&lt;script&gt;');
  });

  it('lists versions newest first in the locale', () => {
    const versions: PublishedVersion[] = [
      { asOf: '2026-11-25', publishedAt: '2026-11-25T03:00:00Z', pageCount: 3 },
      { asOf: '2026-11-26', publishedAt: '2026-11-26T03:00:00Z', pageCount: 3 },
    ];
    const html = versionsPage('th', '/', versions, 'THB');
    expect(html).toContain('<html lang="th">');
    expect(html.indexOf('/v/2026-11-26/')).toBeLessThan(html.indexOf('/v/2026-11-25/'));
    expect(html).toContain('26 พ.ย. 2569');
  });
});

describe('updateSiteIndex', () => {
  let dir: string;
  let store: FsStore;
  const options = { locale: 'en' as const, currency: 'USD', prefix: '/' };
  const published = (dates: string[]): PublishedVersion[] => dates.map((asOf) => ({ asOf, publishedAt: '', pageCount: 2 }));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'site-index-'));
    store = new FsStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('links a new version with its neighbours both ways and points latest/ at the newest', async () => {
    // Prepare: 24 and 26 published; 25 is a backfill
    await putJson(store, pagesKey('2026-11-24'), ['', 'team/a/']);
    await putJson(store, pagesKey('2026-11-25'), ['', 'team/a/', 'ae/b/']);
    await putJson(store, pagesKey('2026-11-26'), ['', 'ae/b/']);
    await updateSiteIndex(store, options, '2026-11-24', published(['2026-11-24']));
    await updateSiteIndex(store, options, '2026-11-26', published(['2026-11-24', '2026-11-26']));

    // Act
    await updateSiteIndex(store, options, '2026-11-25', published(['2026-11-24', '2026-11-25', '2026-11-26']));

    // Assess
    const stub = (key: string) => getText(store, `site/${key}index.html`);
    expect(refreshTarget(await stub('nav/2026-11-24/next/team/a/'))).toBe('/v/2026-11-25/team/a/');
    expect(refreshTarget(await stub('nav/2026-11-26/previous/ae/b/'))).toBe('/v/2026-11-25/ae/b/');
    expect(refreshTarget(await stub('nav/2026-11-25/previous/ae/b/'))).toBe('/v/2026-11-24/');
    expect(await stub('nav/2026-11-25/previous/ae/b/')).toContain('This page is not in that version');
    expect(refreshTarget(await stub('nav/2026-11-26/next/'))).toBeUndefined();
    expect(await stub('nav/2026-11-26/next/')).toContain('This is the newest version');
    expect(await stub('nav/2026-11-24/previous/')).toContain('There is no older version');
    // a backfill does not move latest/
    expect(refreshTarget(await stub('latest/ae/b/'))).toBe('/v/2026-11-26/ae/b/');
    expect(await stub('latest/team/a/')).toBeUndefined();
    expect(refreshTarget(await getText(store, 'site/index.html'))).toBe('/v/2026-11-26/');
    expect(await stub('versions/')).toContain('/v/2026-11-25/');
  });
});
