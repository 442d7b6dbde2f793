import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../../../functions/engine/engine.ts';
import { knownFile } from '../../../functions/ingest/formats/registry.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import type { QuarantineRecord } from '../../../functions/lake/ingest-report.ts';
import { tableByName } from '../../../functions/lake/raw-tables.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { LIMITS } from '../../../functions/ingest/limits.ts';
import { BAD_INPUTS, CSAT, CSAT_LOADED, type BadInput } from '../../fixtures/ingest/bad-inputs.ts';
import { HOSTILE_INPUTS } from '../../fixtures/ingest/hostile-inputs.ts';

const DROP = '2026-11-26';

let root: string;
let engine: DuckDbEngine;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-bad-'));
  engine = await DuckDbEngine.open();
});

afterAll(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

async function writeDrop(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, body] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), body);
  }
}

/** The keys of the rows of one file in the raw zone, in file order. */
async function loadedKeys(workspace: string, file: string): Promise<string[]> {
  const table = tableByName(knownFile(file)?.table ?? '');
  const path = join(workspace, 'raw', table.name, `drop=${DROP}`, 'part-0.parquet');
  const key = quoteIdentifier(table.keys.at(-1) ?? '');
  const rows = await engine.query<{ k: string }>(
    `SELECT ${key} AS k FROM read_parquet(${quoteLiteral(path)}) ORDER BY source_line`,
  );
  return rows.map((r) => r.k);
}

describe('bad inputs of the data contract', () => {
  it('has at least 25 distinct cases', () => {
    expect(new Set(BAD_INPUTS.map((c) => c.name)).size).toBeGreaterThanOrEqual(25);
  });

  it.each([...BAD_INPUTS, ...HOSTILE_INPUTS].map((c) => [c.name, c] as [string, BadInput]))('%s', async (_name, input) => {
    // Prepare
    const workspace = await mkdtemp(join(root, 'ws-'));
    const dir = join(workspace, 'input');
    const encoding = input.encoding ?? 'utf-8';
    const files = typeof input.files === 'function' ? input.files() : input.files;
    await writeDrop(dir, { 'surveys/csat.csv': iconv.encode(CSAT, encoding), ...files });
    const log = memoryLog();
    const ctx: StageContext = {
      config: resolveConfig({ workspace, encoding }),
      store: new FsStore(workspace),
      log,
      scratch: join(workspace, 'scratch'),
    };
    const expected = { 'surveys/csat.csv': CSAT_LOADED, ...input.expect };

    // Act
    await landDrop(ctx, dir, DROP);
    const report = await ingestDrop(ctx, DROP);

    // Assess
    expect(report.files.map((f) => f.file).sort()).toEqual(Object.keys(expected).sort());
    expect(report.ignored).toEqual([...new Set([...(input.ignored ?? []), '_SUCCESS'])].sort());
    const outside = (await new FsStore(workspace).list('')).filter(
      (k) => !/^(landing|raw|quarantine|reports)\//.test(k) && !k.startsWith('input/'),
    );
    expect(outside, 'nothing written outside the lake zones').toEqual([]);
    // whatever the input: short lines, free of control characters (README "Limits")
    const shown = report.files.flatMap((f) => [
      ...(f.rejected ? [[f.rejected.reason, LIMITS.reasonChars], [f.rejected.hint, LIMITS.reasonChars]] : []),
      ...f.samples.flatMap((r) => [[r.reason, LIMITS.reasonChars], [r.text, LIMITS.sampleChars]]),
    ]) as [string, number][];
    for (const line of log.lines) shown.push([line, LIMITS.logLineChars + 'warning: '.length]);
    for (const [text, max] of shown) {
      expect(text.length, text.slice(0, 100)).toBeLessThanOrEqual(max + 40);
      // eslint-disable-next-line no-control-regex
      expect(text, 'no control characters').not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(text, 'no stack trace').not.toMatch(/\n\s+at |Error: /);
    }
    for (const [file, outcome] of Object.entries(expected)) {
      const got = report.files.find((f) => f.file === file);
      expect(got?.status, `${file} status (${got?.rejected?.reason ?? ''})`).toBe(outcome.status);
      if (outcome.reason) expect(got?.rejected?.reason, file).toMatch(outcome.reason);
      if (outcome.status === 'rejected') {
        expect(got?.rejected?.hint, file).not.toBe('');
        expect(got?.loaded).toBe(0);
        continue;
      }
      expect(await loadedKeys(workspace, file), file).toEqual(outcome.loaded);
      expect(got?.loaded).toBe(outcome.loaded?.length);
      const lines = (await ctx.store.get(`quarantine/${DROP}/${file}.jsonl`)) ?? new Uint8Array();
      const records = new TextDecoder()
        .decode(lines)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as QuarantineRecord);
      expect(records.map((r) => ({ line: r.line, column: r.column })), file).toEqual(outcome.quarantined ?? []);
      for (const r of records) {
        expect(r.file).toBe(file);
        expect(r.reason).not.toBe('');
      }
      expect(got?.quarantined).toBe(records.length);
    }
  });
});
