import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResult } from './result.ts';
import { REPO_ROOT } from './spawn-step.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const s1 = (n: number) => n.toFixed(1);

/**
 * The latest result of each scale, as two Markdown tables: what the drop of
 * each N holds, and how each stage scales with N (work seconds, the ratios
 * of the targets, peak memory). Time per unit of N is the check for
 * linearity: it should stay flat as N grows.
 *
 * @example
 * process.stdout.write(scalingTables(results));
 */
export function scalingTables(results: BenchResult[]): string {
  const byScale = new Map<number, BenchResult>();
  for (const r of [...results].sort((a, b) => a.date.localeCompare(b.date))) byScale.set(r.scale, r);
  const rows = [...byScale.values()].sort((a, b) => a.scale - b.scale);
  const input = [
    '| N | AEs | teams | users | opportunities | history rows | activities | leads | accounts | all rows | drop MB | pages |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const n = r.input.rows;
      return `| ${r.scale} | ${int(r.input.entities.ae)} | ${int(r.input.entities.team)} | ${int(n['crm/User.csv'] ?? 0)} | ${int(r.input.opportunities)} | ${int(r.input.opportunityHistory)} | ${int(r.input.activities)} | ${int(n['crm/Lead.csv'] ?? 0)} | ${int(n['crm/Account.csv'] ?? 0)} | ${int(r.input.totalRows)} | ${int(r.input.totalBytes / 2 ** 20)} | ${int(r.site.pages)} |`;
    }),
  ];
  const timing = [
    '| N | ingest s | ×baseline (CPU) | compute s | ×floor (CPU) | site s | ms/page | notify s | end to end s | s per N | CPU s per N | peak MB | load |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const st = r.steps;
      // results written before cpuRatio existed get it from their step figures
      const cpu = (a: number, b: number) => (a / b).toFixed(2);
      return `| ${r.scale} | ${s1(st.ingest.workS)} | ${r.ingest.ratio} (${cpu(st.ingest.cpuS, st['ingest-baseline'].cpuS)}) | ${s1(st.compute.workS)} | ${r.compute.ratio} (${cpu(st.compute.cpuS, st['compute-floor'].cpuS)}) | ${s1(st.publish.workS)} | ${r.site.msPerPage} | ${s1(st.notify.workS)} | ${s1(r.endToEnd.wallS)} | ${s1(r.endToEnd.wallS / r.scale)} | ${s1(r.endToEnd.cpuS / r.scale)} | ${int(r.endToEnd.peakRssMb)} | ${r.machine.loadBefore.toFixed(1)} |`;
    }),
  ];
  return `${input.join('\n')}\n\n${timing.join('\n')}\n`;
}

/** `tsx test/bench/summary.ts [results dir]`: prints the scaling tables of the stored results. */
async function main(dir = join(REPO_ROOT, 'test', 'bench', 'results')): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  const results = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as BenchResult));
  process.stdout.write(scalingTables(results));
}

if (process.argv[1]?.endsWith('summary.ts')) {
  main(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
