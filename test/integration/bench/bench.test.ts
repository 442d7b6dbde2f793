import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AS_OF, runBench } from '../../bench/bench.ts';
import type { BenchResult } from '../../bench/result.ts';
import { formatTable } from '../../bench/table.ts';

// The harness end to end at scale 1 (the demo, ~30 s): every field of the
// result is there and consistent. Timings are never asserted: this machine is shared.
describe('npm run bench at scale 1', () => {
  let dir: string;
  let result: BenchResult;
  let file: string;
  let stored: BenchResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-test-'));
    ({ result, file } = await runBench({
      scale: 1,
      seed: 1,
      asOf: DEFAULT_AS_OF,
      workRoot: join(dir, 'work'),
      resultsDir: join(dir, 'results'),
      keep: false,
      profile: false,
      repeat: 1,
      lambdaMemoryMb: null,
      verbose: false,
      progress: () => undefined,
    }));
    stored = JSON.parse(await readFile(file, 'utf8')) as BenchResult;
  }, 110_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes results/<date>-<scale>.json and removes its work folder', () => {
    expect(file).toBe(join(dir, 'results', `${result.date.slice(0, 10)}-1.json`));
    expect(stored).toEqual(result);
    expect(existsSync(join(dir, 'work', 's1'))).toBe(false);
  });

  it.each(['demo', 'ingest', 'ingest-baseline', 'compute', 'compute-floor', 'publish', 'site-baseline', 'notify'] as const)(
    'measures the %s step: wall, work and CPU time, peak memory',
    (step) => {
      const m = stored.steps[step];
      expect(m.step).toBe(step);
      for (const value of [m.wallS, m.workS, m.cpuS, m.peakRssMb]) expect(value).toBeGreaterThan(0);
      expect(m.workS).toBeLessThanOrEqual(m.wallS);
      expect(m.runsS).toEqual([m.workS]);
    },
  );

  it('counts the rows of the drop and the organisation they describe', () => {
    const input = stored.input;
    expect(Object.keys(input.rows)).toContain('crm/OpportunityHistory.csv');
    expect(input.totalRows).toBe(Object.values(input.rows).reduce((a, b) => a + b, 0));
    expect(Object.keys(input.bytes).sort()).toEqual(Object.keys(input.rows).sort());
    expect(input.opportunities).toBe(input.rows['crm/Opportunity.csv']);
    expect(input.activities).toBe((input.rows['crm/Task.csv'] ?? 0) + (input.rows['crm/Event.csv'] ?? 0));
    expect(input.entities.org).toBe(1);
    expect(input.entities.ae).toBeGreaterThan(input.entities.team);
  });

  it('reads every row in ingest and in its baseline, and derives rows per second and the ratio', () => {
    expect(stored.ingest.rows).toBe(stored.input.totalRows);
    expect(Object.values(stored.steps['ingest-baseline'].output.rows).reduce((a, b) => a + b, 0)).toBe(stored.input.totalRows);
    expect(stored.ingest.rowsPerS).toBe(Math.round(stored.ingest.rows / stored.steps.ingest.workS));
    expect(stored.ingest.ratio).toBeCloseTo(stored.steps.ingest.workS / stored.steps['ingest-baseline'].workS, 1);
    expect(stored.ingest.cpuRatio).toBeCloseTo(stored.steps.ingest.cpuS / stored.steps['ingest-baseline'].cpuS, 1);
  });

  it('floors compute with a scan of the raw columns the KPI SQL reads', () => {
    const columns = stored.compute.floorColumns;
    expect(columns.raw_opportunities).toEqual(expect.arrayContaining(['id', 'owner_id', 'amount', 'is_won', 'close_date', 'system_modstamp']));
    // the name of an opportunity is on no report
    expect(columns.raw_opportunities).not.toContain('name');
    expect(stored.compute.floorRows).toBe(stored.input.totalRows);
    expect(stored.compute.outputRows.kpi_values).toBeGreaterThan(0);
    expect(stored.compute.ratio).toBeCloseTo(stored.steps.compute.workS / stored.steps['compute-floor'].workS, 1);
    expect(stored.compute.cpuRatio).toBeCloseTo(stored.steps.compute.cpuS / stored.steps['compute-floor'].cpuS, 1);
  });

  it('weighs the pages of the site and builds as many trivial pages for the baseline', () => {
    const site = stored.site;
    expect(site.pages).toBe(stored.steps.publish.output.pages);
    expect(stored.steps['site-baseline'].output.pages).toBe(site.pages);
    expect(site.weight.pages).toBe(site.pages);
    expect(site.weight.html.max).toBeGreaterThanOrEqual(site.weight.html.median);
    expect(site.weight.svg.median).toBeGreaterThan(0);
    expect(site.weight.svg.max).toBeLessThan(site.weight.html.max);
    expect(site.weight.js.max).toBeGreaterThanOrEqual(0);
    expect(site.msPerPage).toBeGreaterThan(0);
    expect(site.baselineMsPerPage).toBeGreaterThan(0);
  });

  it('notifies, sums the night end to end and checks every target of the issue', () => {
    expect(stored.notify.sent).toBeGreaterThan(0);
    const stages = [stored.steps.ingest, stored.steps.compute, stored.steps.publish, stored.steps.notify];
    expect(stored.endToEnd.wallS).toBeCloseTo(stages.reduce((sum, s) => sum + s.wallS, 0), 0);
    expect(stored.endToEnd.peakRssMb).toBe(Math.max(...stages.map((s) => s.peakRssMb)));
    expect(stored.targets.map((t) => t.id)).toEqual(['ingest', 'compute', 'site', 'end-to-end', 'memory']);
    for (const t of stored.targets) expect(t.met).toBe(t.actual <= t.limit);
  });

  it('records the machine and prints a table with a row per step and per target', () => {
    expect(stored.machine.cpus).toBeGreaterThan(0);
    expect(stored.machine.duckdb).toMatch(/^v\d/);
    expect(stored.machine.astro).toMatch(/^5\./);
    const table = formatTable(stored);
    // the header, a row per step, end to end; the targets' header and a row per target
    expect(table.split('\n').filter((line) => line.startsWith('| ')).length).toBe(1 + 8 + 1 + 1 + 5);
    expect(table).toContain(`${stored.site.pages} pages`);
  });
});
