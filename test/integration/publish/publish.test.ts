import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatter } from '../../../functions/report/format.ts';
import { messagesFor } from '../../../functions/report/i18n/messages.ts';
import { PublishError } from '../../../functions/publish/errors.ts';
import { publishVersion } from '../../../functions/publish/publish.ts';
import { kpiDefinition } from '../../../functions/report/catalog.ts';
import { uploadFromLocal } from '../../../functions/store/local.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import { writeGoldenVersion, XSS } from '../../fixtures/site/golden-lake.ts';
import { startLocalS3 } from '../../helpers/s3rver.ts';
import { GOLDEN_AS_OF, goldenValues, PREVIOUS_AS_OF, publishTwoVersions, workspaceContext } from '../../fixtures/site/published.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return names.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await filesUnder(dir)) out[file] = createHash('sha256').update(await readFile(file)).digest('hex');
  return out;
}

const NUMBER = /<a class="num"[^>]*?data-kpi="([^"]+)"[^>]*?data-entity="([^"]+)"[^>]*?data-period="([^"]+)"[^>]*?data-value="([^"]*)"[^>]*>([^<]*)<\/a>/g;

describe('publishVersion on a workspace folder', () => {
  let run: Awaited<ReturnType<typeof publishTwoVersions>>;
  let previousFiles: Record<string, string>;

  beforeAll(async () => {
    run = await publishTwoVersions();
    previousFiles = await hashes(join(run.siteDir, 'v', PREVIOUS_AS_OF));
  });
  afterAll(async () => {
    await rm(run.ctx.config.workspace, { recursive: true, force: true });
  });

  it('builds the org, team, active AE, definitions and data-quality pages of the version', () => {
    const pages = run.current.pages;
    expect(pages[0]).toBe(`v/${GOLDEN_AS_OF}/`);
    expect(pages).toContain(`v/${GOLDEN_AS_OF}/kpis/`);
    expect(pages).toContain(`v/${GOLDEN_AS_OF}/data-quality/`);
    expect(pages.filter((p) => p.includes('/team/'))).toHaveLength(4);
    // 15 AEs have rows, 2 of them inactive: no page for those
    expect(pages.filter((p) => p.includes('/ae/'))).toHaveLength(13);
    expect(pages).not.toContain(`v/${GOLDEN_AS_OF}/ae/005Hs0000000017AAA/`);
  });

  it('shows the numbers of kpi_values, formatted for the locale', async () => {
    // Prepare
    const expected = await goldenValues();
    const f = formatter(messagesFor('en'), 'USD');
    const html = await readFile(join(run.siteDir, 'v', GOLDEN_AS_OF, 'team', '005Hs0000000002AAA', 'index.html'), 'utf8');

    // Act
    const shown = [...html.matchAll(NUMBER)];

    // Assess
    expect(shown.length).toBeGreaterThan(100);
    for (const [, kpi, entity, period, raw, text] of shown) {
      const key = `${kpi}|${entity}|${period}`;
      expect(expected.has(key), key).toBe(true);
      const value = expected.get(key) ?? null;
      expect(raw === '' ? null : Number(raw), key).toBe(value);
      expect(text?.replace('&amp;', '&'), key).toBe(f.value(value, kpiDefinition(kpi ?? '').unit));
    }
  });

  it('renders names from the exports as text everywhere', async () => {
    const pages = (await filesUnder(join(run.siteDir, 'v', GOLDEN_AS_OF))).filter((f) => f.endsWith('.html'));
    const injected: string[] = [];
    for (const page of pages) {
      // inside a quoted attribute value `<` is inert: look at the markup around the values
      const markup = (await readFile(page, 'utf8')).replace(/="[^"]*"/g, '=""');
      for (const name of [XSS.aeName, XSS.teamName, XSS.regionName, '<img src=x']) if (markup.includes(name)) injected.push(`${page}: ${name}`);
    }
    expect(injected).toEqual([]);
    const team = await readFile(join(run.siteDir, 'v', GOLDEN_AS_OF, 'team', XSS.teamId, 'index.html'), 'utf8');
    expect(team).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('never changes an older version, and links both versions to each other', async () => {
    expect(await hashes(join(run.siteDir, 'v', PREVIOUS_AS_OF))).toEqual(previousFiles);
    const stub = (path: string) => readFile(join(run.siteDir, path, 'index.html'), 'utf8');
    expect(await stub(`nav/${PREVIOUS_AS_OF}/next/team/005Hs0000000002AAA`)).toContain(`url=/v/${GOLDEN_AS_OF}/team/005Hs0000000002AAA/`);
    expect(await stub(`nav/${GOLDEN_AS_OF}/previous/ae/005Hs0000000003AAA`)).toContain(`url=/v/${PREVIOUS_AS_OF}/ae/005Hs0000000003AAA/`);
    expect(await stub('latest')).toContain(`url=/v/${GOLDEN_AS_OF}/`);
    expect(await stub('latest/kpis')).toContain(`url=/v/${GOLDEN_AS_OF}/kpis/`);
    const manifest = JSON.parse(await readFile(join(run.siteDir, 'versions', 'index.json'), 'utf8')) as { versions: { asOf: string }[] };
    expect(manifest.versions.map((v) => v.asOf)).toEqual([PREVIOUS_AS_OF, GOLDEN_AS_OF]);
  });

  it('shows the changes since the previous version', async () => {
    const html = await readFile(join(run.siteDir, 'v', GOLDEN_AS_OF, 'team', '005Hs0000000002AAA', 'index.html'), 'utf8');
    expect(html).toContain('What changed since Nov 25, 2026');
    // bookings this quarter: 55,500 now, 49,950 the day before
    expect(html).toContain('+$5,550');
  });

  it('shows the ingest report on the data-quality page', async () => {
    const html = await readFile(join(run.siteDir, 'v', GOLDEN_AS_OF, 'data-quality', 'index.html'), 'utf8');
    expect(html).toContain('crm/Opportunity.csv');
    expect(html).toContain('rename it to one of the names');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('replaces a version published again, and only that one', async () => {
    // Act
    const again = await publishVersion(run.ctx, GOLDEN_AS_OF);

    // Assess
    expect(again.pages).toEqual(run.current.pages);
    expect(run.ctx.log.lines.some((l) => l.includes(`version ${GOLDEN_AS_OF} was published before`))).toBe(true);
    expect(await hashes(join(run.siteDir, 'v', PREVIOUS_AS_OF))).toEqual(previousFiles);
    const assets = (await filesUnder(join(run.siteDir, 'v', GOLDEN_AS_OF, '_astro'))).length;
    expect(assets).toBeGreaterThan(0);
  });
});

describe('publishVersion in Thai', () => {
  it('writes the pages in Thai with Thai dates and the configured currency', async () => {
    // Prepare
    const ctx = await workspaceContext({ locale: 'th', currency: 'THB', siteBaseUrl: 'https://reports.example.com/sales' });
    try {
      await writeGoldenVersion(ctx.config.workspace);
      await publishVersion(ctx, GOLDEN_AS_OF);
      const html = await readFile(join(ctx.config.workspace, 'site', 'v', GOLDEN_AS_OF, 'index.html'), 'utf8');

      // Assess
      expect(html).toContain('<html lang="th" ');
      expect(html).toContain('ทั้งองค์กร');
      expect(html).toContain('26 พ.ย. 2569');
      expect(html).toContain('฿');
      expect(html).toContain(`href="/sales/v/${GOLDEN_AS_OF}/kpis/#kpi-bookings"`);
      expect(html).toContain(`href="/sales/nav/${GOLDEN_AS_OF}/previous/"`);
    } finally {
      await rm(ctx.config.workspace, { recursive: true, force: true });
    }
  });
});

describe('publishVersion without KPI tables', () => {
  it('says to compute the version first', async () => {
    const ctx = await workspaceContext();
    try {
      await expect(publishVersion(ctx, '2026-11-26')).rejects.toThrow(PublishError);
      await expect(publishVersion(ctx, '2026-11-26')).rejects.toMatchObject({ hint: 'compute them first: scorecard compute --as-of 2026-11-26' });
    } finally {
      await rm(ctx.config.workspace, { recursive: true, force: true });
    }
  });
});

describe('publishVersion on S3', () => {
  it('stages the KPI tables from the bucket and stores the site there, pages as HTML', async () => {
    // Prepare: the golden version in a bucket of a real S3-compatible server
    const s3 = await startLocalS3(['lake']);
    const local = await workspaceContext();
    try {
      await writeGoldenVersion(local.config.workspace);
      const store = new S3Store(s3.client, 'lake');
      await uploadFromLocal(store, join(local.config.workspace, 'kpi'), 'kpi/');
      const ctx = { ...local, store };

      // Act
      const { pages } = await publishVersion(ctx, GOLDEN_AS_OF);

      // Assess
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: 'lake', Key: `site/${pages[1] ?? ''}index.html` }));
      expect(head.ContentType).toBe('text/html; charset=utf-8');
      const keys = await store.list('site/');
      expect(keys).toContain(`site/v/${GOLDEN_AS_OF}/index.html`);
      expect(keys).toContain('site/latest/index.html');
      expect(keys).toContain('site/versions/index.html');
      expect(keys.some((k) => /^site\/v\/[^/]+\/_astro\/.+\.css$/.test(k))).toBe(true);
    } finally {
      await s3.stop();
      await rm(local.config.workspace, { recursive: true, force: true });
    }
  });
});
