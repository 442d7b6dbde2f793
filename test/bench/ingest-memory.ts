import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { markLanded, writeBigLrsDocument, writeBigTaskCsv } from './big-files.ts';
import { runStep } from './spawn-step.ts';

/**
 * Peak memory of ingesting one very large file (issue: "ingest of any
 * single file stays under 1 GB of RSS"): a `Task.csv` of several GiB, and
 * an LRS document `{"statements": [...]}`, each made on the fly in a temp
 * folder and ingested alone in a child process (spawn-step.ts measures
 * wall time, CPU and peak RSS). Prints a table; removes the files after.
 *
 *   npx tsx test/bench/ingest-memory.ts --task-gib 3 --lrs-mib 1024
 */
const { values } = parseArgs({
  options: {
    'task-gib': { type: 'string', default: '3' },
    'lrs-mib': { type: 'string', default: '1024' },
    dir: { type: 'string', default: tmpdir() },
  },
});

const DROP = '2026-11-26';

interface Row {
  file: string;
  mb: number;
  records: number;
  wallS: number;
  peakRssMb: number;
  loaded: number;
}

async function measure(name: string, make: (file: string) => Promise<number>): Promise<Row> {
  const workspace = await mkdtemp(join(values.dir, 'ingest-memory-'));
  try {
    const file = join(workspace, 'landing', DROP, name);
    const started = Date.now();
    const records = await make(file);
    const { size } = await stat(file);
    process.stderr.write(`${name}: ${(size / 1024 ** 2).toFixed(0)} MB, ${records} records, made in ${((Date.now() - started) / 1000).toFixed(0)} s; ingesting…\n`);
    await markLanded(workspace, DROP);
    const m = await runStep('ingest', { workspace, drop: DROP }, { workDir: workspace });
    return { file: name, mb: Math.round(size / 1024 ** 2), records, wallS: m.wallS, peakRssMb: m.peakRssMb, loaded: m.output.loaded };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

const rows = [
  await measure('crm/Task.csv', (file) => writeBigTaskCsv(file, Number(values['task-gib']) * 1024 ** 3)),
  await measure('lms/statements.json', (file) => writeBigLrsDocument(file, Number(values['lrs-mib']) * 1024 ** 2)),
];
console.log('| file | MB | records | loaded | wall s | peak RSS MB |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.file} | ${r.mb} | ${r.records} | ${r.loaded} | ${r.wallS.toFixed(1)} | ${r.peakRssMb.toFixed(0)} |`);
