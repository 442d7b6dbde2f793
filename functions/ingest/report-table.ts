import type { IngestReport } from '../lake/ingest-report.ts';

/** How many quarantined rows the table lists per file; the rest are in the quarantine file. */
const SHOWN_PER_FILE = 5;

/**
 * The ingest report as a plain-text table for the terminal: one line per
 * file, a total, then what went wrong and what to do.
 *
 * @example
 * process.stdout.write(formatReportTable(report, 'folder .scorecard'));
 * // file            table  read  loaded  quarantined  status
 * // crm/User.csv    users    22      22            0  loaded
 */
export function formatReportTable(report: IngestReport, where: string): string {
  const head = ['file', 'table', 'read', 'loaded', 'quarantined', 'status'];
  const rows = report.files.map((f) => [f.file, f.table ?? '-', f.read, f.loaded, f.quarantined, f.status].map(String));
  const t = report.totals;
  rows.push(['total', '', String(t.read), String(t.loaded), String(t.quarantined), `${t.rejectedFiles} rejected`]);
  const numeric = [false, false, true, true, true, false];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [`Drop ${report.drop}`, '', line(head), ...rows.map(line)];
  const problems: string[] = [];
  for (const f of report.files) {
    if (f.rejected) {
      const at = f.rejected.line ? ` (line ${f.rejected.line})` : '';
      problems.push(`${f.file}${at}: rejected: ${f.rejected.reason}`, `    what to do: ${f.rejected.hint}`);
    }
    for (const s of f.samples.slice(0, SHOWN_PER_FILE)) {
      problems.push(`${f.file} line ${s.line}${s.column ? `, column ${s.column}` : ''}: ${s.reason}`);
    }
    if (f.quarantined > 0) {
      const more = f.quarantined > SHOWN_PER_FILE ? `all ${f.quarantined} rows` : 'the rows';
      problems.push(`    ${more} with their original text: ${f.quarantineKey} in ${where}; fix them at the source and send them in the next drop`);
    }
  }
  if (problems.length > 0) out.push('', 'Problems:', ...problems.map((p) => `  ${p}`));
  if (report.ignored.length > 0) out.push('', `Ignored: ${report.ignored.join(', ')}`);
  return out.join('\n') + '\n';
}
