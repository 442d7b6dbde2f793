import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Large exports made on the fly, for memory measurements: written in
 * batches straight to disk, so that making them takes no more memory than
 * reading them should.
 */

/** Writes batches from `next` (undefined: done) until the file holds at least `bytes`. */
async function writeBatches(file: string, head: string, tail: string, bytes: number, next: (n: number) => string): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let written = 0;
  let batch = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(head);
  while (written < bytes) await write(next(batch++));
  await write(tail);
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

const ROWS_PER_BATCH = 10_000;

/**
 * A Salesforce `Task.csv` of at least `bytes` (about 110 bytes a row).
 * Returns the number of rows.
 */
export async function writeBigTaskCsv(file: string, bytes: number): Promise<number> {
  let rows = 0;
  await writeBatches(file, 'Id,OwnerId,WhoId,WhatId,ActivityDate,Subject,Status,Type\n', '', bytes, (batch) => {
    const lines: string[] = [];
    for (let i = 0; i < ROWS_PER_BATCH; i++) {
      const n = batch * ROWS_PER_BATCH + i;
      const day = String((n % 28) + 1).padStart(2, '0');
      lines.push(`00T${n.toString(36).padStart(12, '0')},005U${n % 3000},003C${n % 90_000},006O${n % 500_000},2026-0${(n % 9) + 1}-${day},Follow-up call ${n % 97},Completed,Call\n`);
    }
    rows += ROWS_PER_BATCH;
    return lines.join('');
  });
  return rows;
}

/**
 * An LRS export `{"statements": [...]}` of at least `bytes` (about 420
 * bytes a statement, pretty-printed one a line as LRSs do). Returns the
 * number of statements.
 */
export async function writeBigLrsDocument(file: string, bytes: number): Promise<number> {
  let statements = 0;
  await writeBatches(file, '{\n  "statements": [\n', '\n  ],\n  "more": ""\n}\n', bytes, (batch) => {
    const lines: string[] = [];
    for (let i = 0; i < ROWS_PER_BATCH; i++) {
      const n = batch * ROWS_PER_BATCH + i;
      const statement = {
        id: `5f2c${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
        timestamp: `2026-0${(n % 9) + 1}-1${n % 10}T10:00:00+07:00`,
        actor: { mbox: `mailto:user${n % 3000}@example.com` },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: `https://lms.example/courses/c${n % 400}`, definition: { name: { 'en-US': `Course ${n % 400}` } } },
        result: { score: { scaled: (n % 100) / 100, raw: n % 100, min: 0, max: 100 } },
      };
      lines.push(`${n === 0 ? '' : ',\n'}    ${JSON.stringify(statement)}`);
    }
    statements += ROWS_PER_BATCH;
    return lines.join('');
  });
  return statements;
}

/** Marks `landing/<drop>/` of a folder workspace complete. */
export async function markLanded(workspace: string, drop: string): Promise<void> {
  await writeFile(join(workspace, 'landing', drop, '_SUCCESS'), '');
}
