import type { BenchResult } from './result.ts';
import type { StepName } from './steps.ts';

const ORDER: { step: StepName; label: string }[] = [
  { step: 'demo', label: 'demo drop (not timed in the night)' },
  { step: 'ingest', label: 'ingest' },
  { step: 'ingest-baseline', label: '  baseline: read_csv → Parquet' },
  { step: 'compute', label: 'compute' },
  { step: 'compute-floor', label: '  floor: one scan of KPI inputs' },
  { step: 'publish', label: 'site build (publish)' },
  { step: 'site-baseline', label: '  baseline: trivial Astro pages' },
  { step: 'notify', label: 'notify' },
];

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const kb = (bytes: number) => `${fixed(bytes / 1024)} kB`;

/** What the figure column says about a step. */
function figure(result: BenchResult, step: StepName): string {
  const s = result.steps;
  switch (step) {
    case 'demo':
      return `${int(result.input.totalRows)} rows, ${fixed(result.input.totalBytes / 2 ** 20)} MB`;
    case 'ingest':
      return `${int(result.ingest.rowsPerS)} rows/s, ${result.ingest.ratio}× baseline (CPU ${result.ingest.cpuRatio}×)`;
    case 'ingest-baseline':
      return `${int(result.ingest.baselineRowsPerS)} rows/s`;
    case 'compute':
      return `${int(Object.values(result.compute.outputRows).reduce((a, b) => a + b, 0))} KPI rows, ${result.compute.ratio}× floor (CPU ${result.compute.cpuRatio}×)`;
    case 'compute-floor':
      return `${int(result.compute.floorRows)} rows scanned`;
    case 'publish':
      return `${result.site.pages} pages, ${result.site.msPerPage} ms/page, ${result.site.ratio}× baseline`;
    case 'site-baseline':
      return `${s['site-baseline'].output.pages} pages, ${result.site.baselineMsPerPage} ms/page`;
    case 'notify':
      return `${result.notify.sent} e-mails`;
  }
}

/**
 * The result as a Markdown table (a step per row, then the targets), for
 * the terminal and for the README's Performance section.
 *
 * @example
 * process.stdout.write(formatTable(result));
 */
export function formatTable(result: BenchResult): string {
  const i = result.input;
  const lines = [
    `Scale ${result.scale} (${i.entities.ae} AEs, ${i.entities.team} teams; ${int(i.opportunities)} opportunities, ` +
      `${int(i.opportunityHistory)} history rows, ${int(i.activities)} activities), as of ${result.asOf}, ` +
      `${result.machine.cpus} × ${result.machine.cpuModel}, load ${fixed(result.machine.loadBefore, 2)} before`,
    '',
    '| step | wall s | work s | CPU s | peak RSS MB | figure |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const { step, label } of ORDER) {
    const m = result.steps[step];
    lines.push(`| ${label} | ${fixed(m.wallS)} | ${fixed(m.workS)} | ${fixed(m.cpuS)} | ${int(m.peakRssMb)} | ${figure(result, step)} |`);
  }
  const e = result.endToEnd;
  lines.push(`| **end to end** (ingest → notify) | ${fixed(e.wallS)} | | ${fixed(e.cpuS)} | ${int(e.peakRssMb)} | |`);
  const w = result.site.weight;
  lines.push(
    '',
    `Pages: HTML (inline SVG included) median ${kb(w.html.median)}, max ${kb(w.html.max)} (${w.heaviest || 'org page'}); ` +
      `inline SVG median ${kb(w.svg.median)}; JavaScript per page max ${kb(w.js.max)}; CSS per page ${kb(w.css.max)}.`,
    '',
    '| target | actual | met |',
    '|---|---:|:---:|',
    ...result.targets.map((t) => `| ${t.what} | ${t.actual} ${t.unit} | ${t.met ? 'yes' : '**no**'} |`),
  );
  return `${lines.join('\n')}\n`;
}
