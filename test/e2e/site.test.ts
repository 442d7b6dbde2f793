import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveKpiFile } from '../helpers/live-kpi.ts';
import { DuckDbEngine } from '../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../functions/engine/engine.ts';
import { kpiDefinition } from '../../functions/report/catalog.ts';
import { formatter } from '../../functions/report/format.ts';
import { messagesFor } from '../../functions/report/i18n/messages.ts';
import { serveStatic } from '../../functions/publish/static-server.ts';
import { XSS } from '../fixtures/site/golden-lake.ts';
import { GOLDEN_AS_OF, goldenValues, PREVIOUS_AS_OF, publishTwoVersions } from '../fixtures/site/published.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const TEAM = '005Hs0000000002AAA';
const TEAM_NAME = 'Team พิมพ์ชนก รัตนกุล';
const AE = '005Hs0000000004AAA';
const AE_NAME = 'วันชัย ใจดี';
const v = (asOf: string, page = '') => `/v/${asOf}/${page}`;

/** One page of each kind, for axe and the screenshots. */
const PAGE_TYPES: [string, string][] = [
  ['org', v(GOLDEN_AS_OF)],
  ['team', v(GOLDEN_AS_OF, `team/${TEAM}/`)],
  ['ae', v(GOLDEN_AS_OF, `ae/${AE}/`)],
  ['kpis', v(GOLDEN_AS_OF, 'kpis/')],
  ['data-quality', v(GOLDEN_AS_OF, 'data-quality/')],
  ['versions', '/versions/'],
];

describe('the report site in Chromium', () => {
  let run: Awaited<ReturnType<typeof publishTwoVersions>>;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let context: BrowserContext;
  /** console errors, page errors, failed requests and dialogs of every page opened */
  const problems: string[] = [];

  async function open(path: string, width = 1280): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`${page.url()}: dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.url()}: HTTP ${r.status()}`);
    });
    await page.goto(server.url + path);
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `the browser tests need Chromium at ${CHROMIUM} and Thai fonts: apt-get install -y chromium fonts-thai-tlwg (.ci/run installs them)`,
      );
    }
    run = await publishTwoVersions();
    server = await serveStatic(run.siteDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (run) await rm(run.ctx.config.workspace, { recursive: true, force: true });
  });

  /** Every number of the page that belongs to an entity shows that entity's value in kpi_values. */
  async function expectKpiValues(page: Page): Promise<number> {
    const expected = await goldenValues();
    const f = formatter(messagesFor('en'), 'USD');
    const shown = await page.locator('a.num[data-entity]').evaluateAll((links) =>
      links.map((a) => ({
        key: `${a.getAttribute('data-kpi')}|${a.getAttribute('data-entity')}|${a.getAttribute('data-period')}`,
        kpi: a.getAttribute('data-kpi') ?? '',
        raw: a.getAttribute('data-value') ?? '',
        text: (a.textContent ?? '').trim(),
        href: a.getAttribute('href') ?? '',
      })),
    );
    const wrong = shown.filter((n) => {
      const value = expected.get(n.key);
      if (value === undefined) return true;
      const text = value === null ? '–not available' : f.value(value, kpiDefinition(n.kpi).unit);
      return (n.raw === '' ? null : Number(n.raw)) !== value || n.text !== text || !n.href.endsWith(`/kpis/#kpi-${n.kpi}`);
    });
    expect(wrong).toEqual([]);
    return shown.length;
  }

  it('takes a manager from the org page to a team and an AE, showing the numbers of kpi_values', async () => {
    // Act
    const page = await open(v(GOLDEN_AS_OF));
    const orgNumbers = await expectKpiValues(page);
    await page.getByRole('link', { name: TEAM_NAME }).first().click();
    await page.waitForURL(`**${v(GOLDEN_AS_OF, `team/${TEAM}/`)}`);
    const teamNumbers = await expectKpiValues(page);
    await page.locator('#aes').getByRole('link', { name: AE_NAME }).click();
    await page.waitForURL(`**${v(GOLDEN_AS_OF, `ae/${AE}/`)}`);
    const aeNumbers = await expectKpiValues(page);

    // Assess
    expect(await page.locator('h1').textContent()).toBe(AE_NAME);
    expect([orgNumbers, teamNumbers, aeNumbers].every((n) => n > 100)).toBe(true);
    // a number leads to its definition
    await page.locator('a.num[data-kpi="win_rate_pct"]').first().click();
    await page.waitForURL(`**${v(GOLDEN_AS_OF, 'kpis/')}#kpi-win_rate_pct`);
    expect(await page.locator('#kpi-win_rate_pct h3').textContent()).toBe('Win rate');
    expect(problems).toEqual([]);
  });

  it("draws the team's open pipeline by stage of every quarter, its numbers those of kpi_breakdowns", async () => {
    const page = await open(v(GOLDEN_AS_OF, `team/${TEAM}/`));
    const chart = page.locator('#chart-pipeline-stage');
    expect(await chart.locator('figcaption').textContent()).toBe('Pipeline by stage and forecast');
    expect(await chart.locator('svg rect, svg path').count()).toBeGreaterThan(10);
    const columns = await chart.locator('thead th').allTextContents();
    const table = await chart.locator('tbody tr').evaluateAll((rows) =>
      rows.map((tr) => ({
        label: tr.querySelector('th')?.textContent?.trim() ?? '',
        values: [...tr.querySelectorAll('td a.num')].map((a) => a.getAttribute('data-value') ?? ''),
      })),
    );
    const engine = await DuckDbEngine.open();
    const file = liveKpiFile(run.ctx.config.workspace, 'kpi_breakdowns', GOLDEN_AS_OF);
    const stages = await engine.query<{ start: string; stage: string; value: number }>(`
      SELECT CAST(period_start AS VARCHAR) AS start, dimension_value AS stage, value FROM read_parquet(${quoteLiteral(file)})
      WHERE dimension = 'stage' AND kpi = 'open_pipeline' AND level = 'team' AND entity_id = ${quoteLiteral(TEAM)} AND period_type = 'quarter'`);
    await engine.close();

    const f = formatter(messagesFor('en'), 'USD');
    // one row per quarter, one column per stage the team had open, then the total, forecast and quota
    expect(stages.length).toBeGreaterThan(4);
    expect(table).toHaveLength(4);
    expect(columns.slice(-3)).toEqual(['Open pipeline', 'Forecast', 'Quota']);
    const stageColumns = columns.slice(1, -3);
    expect([...stageColumns].sort()).toEqual([...new Set(stages.map((s) => s.stage))].sort());
    expect(new Set(stages.map((s) => f.quarter(s.start)))).toEqual(new Set(table.map((r) => r.label)));
    for (const row of table) {
      const shown = row.values.slice(0, stageColumns.length).map(Number);
      const expected = stageColumns.map((stage) => stages.find((s) => s.stage === stage && f.quarter(s.start) === row.label)?.value ?? 0);
      expect(shown, row.label).toEqual(expected);
      // the stages add up to the total, which expectKpiValues checks against kpi_values
      expect(Number(row.values[stageColumns.length])).toBeCloseTo(expected.reduce((a, b) => a + b, 0), 6);
    }
    expect(problems).toEqual([]);
  });

  it('links every page to the same page of the previous and the next version', async () => {
    const page = await open(v(GOLDEN_AS_OF, `team/${TEAM}/`));
    await page.getByRole('link', { name: '← Previous version' }).click();
    await page.waitForURL(`**${v(PREVIOUS_AS_OF, `team/${TEAM}/`)}`);
    expect(await page.locator('.as-of').textContent()).toBe('As of Nov 25, 2026');
    await page.getByRole('link', { name: 'Next version →' }).click();
    await page.waitForURL(`**${v(GOLDEN_AS_OF, `team/${TEAM}/`)}`);
    // the newest version has no next one yet: the link says so and leads back
    await page.getByRole('link', { name: 'Next version →' }).click();
    await expect.poll(() => page.textContent('body')).toContain('This is the newest version of this report.');
    await page.getByRole('link', { name: 'Go to the report' }).click();
    await page.waitForURL(`**${v(GOLDEN_AS_OF, `team/${TEAM}/`)}`);
    // latest/ and the versions page lead to the newest version
    await page.goto(`${server.url}/latest/ae/${AE}/`);
    await page.waitForURL(`**${v(GOLDEN_AS_OF, `ae/${AE}/`)}`);
    await page.goto(`${server.url}/versions/`);
    await page.getByRole('link', { name: 'Nov 25, 2026' }).click();
    await page.waitForURL(`**${v(PREVIOUS_AS_OF)}`);
    expect(problems).toEqual([]);
  });

  it.each(PAGE_TYPES)('has no serious or critical accessibility violation on the %s page', async (_type, path) => {
    const page = await open(path);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((x) => x.impact === 'serious' || x.impact === 'critical')
      .map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    expect(serious).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps hostile names from the exports inert: shown as text, never run', async () => {
    const ae = await open(v(GOLDEN_AS_OF, `ae/${XSS.aeId}/`));
    expect(await ae.locator('h1').textContent()).toBe(XSS.aeName);
    const team = await open(v(GOLDEN_AS_OF, `team/${XSS.teamId}/`));
    expect(await team.locator('h1').textContent()).toBe(`Team ${XSS.teamName}`);
    // the chart of a team with the hostile region draws it as text
    const org = await open(v(GOLDEN_AS_OF));
    expect(await org.locator('#chart-coverage svg text', { hasText: XSS.regionName }).count()).toBe(1);
    const quality = await open(v(GOLDEN_AS_OF, 'data-quality/'));
    expect(await quality.getByText('<img src=x onerror=alert(1)>', { exact: false }).count()).toBeGreaterThan(0);
    for (const page of [ae, team, org, quality]) expect(await page.locator('img, script:not([type="module"])').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('draws Thai with a Thai font in text and in charts', async () => {
    const page = await open(v(GOLDEN_AS_OF, `team/${TEAM}/`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const fontsOf = async (selector: string) => {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts.map((font) => font.familyName);
    };
    const thaiCapable = /Loma|Garuda|Kinnari|Norasi|Sawasdee|Tlwg|Umpush|Waree|Purisa|Laksaman|Noto Sans Thai|Sarabun|Thonburi|Leelawadee/;
    expect((await fontsOf('h1')).some((name) => thaiCapable.test(name))).toBe(true);
    const label = await page.locator('#chart-coverage svg text', { hasText: 'กรุงเทพมหานคร' }).count();
    expect(label).toBeGreaterThan(0);
    await page.locator('#chart-coverage svg text', { hasText: 'กรุงเทพมหานคร' }).first().evaluate((el) => el.setAttribute('id', 'thai-label'));
    const { root: fresh } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: fresh.nodeId, selector: '#thai-label' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.some((font) => thaiCapable.test(font.familyName))).toBe(true);
  });

  it('fits a phone, prints without navigation, and sorts the AE table (which reads without JavaScript)', async () => {
    const phone = await open(v(GOLDEN_AS_OF, `team/${TEAM}/`), 390);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await phone.emulateMedia({ media: 'print' });
    expect(await phone.locator('.version-nav').isVisible()).toBe(false);
    await phone.emulateMedia({ media: 'screen' });

    const desktop = await open(v(GOLDEN_AS_OF, `team/${TEAM}/`));
    const names = () => desktop.locator('#aes tbody th').allTextContents();
    const before = await names();
    await desktop.locator('#aes thead button', { hasText: 'Activities' }).click();
    const after = await names();
    expect(after).not.toEqual(before);
    expect([...after].sort()).toEqual([...before].sort());
    expect(await desktop.locator('#aes thead th[aria-sort="descending"]').textContent()).toContain('Activities');

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(server.url + v(GOLDEN_AS_OF, `team/${TEAM}/`));
    expect(await plain.locator('#aes tbody tr').count()).toBe(before.length);
    expect(await plain.locator('#aes a.num').count()).toBeGreaterThan(before.length * 5);
    await noScript.close();
    expect(problems).toEqual([]);
  });

  it('writes screenshots of every page type at desktop and phone width', async () => {
    const written: string[] = [];
    for (const [type, path] of PAGE_TYPES) {
      for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
        const page = await open(path, width);
        const file = join(ARTIFACTS, `${type}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
        await page.close();
      }
    }
    const team = await open(v(GOLDEN_AS_OF, `team/${TEAM}/`));
    await team.pdf({ path: join(ARTIFACTS, 'team-print.pdf'), format: 'A4', printBackground: true });
    expect(written.every((file) => existsSync(file))).toBe(true);
    expect(existsSync(join(ARTIFACTS, 'team-print.pdf'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
