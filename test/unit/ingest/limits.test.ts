import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBadShare } from '../../../functions/ingest/bad-share.ts';
import { clip, clippedLog, jsonDepth, LIMITS } from '../../../functions/ingest/limits.ts';
import { QuarantineFile } from '../../../functions/ingest/quarantine.ts';
import type { QuarantineRecord } from '../../../functions/lake/ingest-report.ts';
import { memoryLog } from '../../../functions/log.ts';

describe('clip', () => {
  it('turns control characters into spaces and cuts long text, saying how long it was', () => {
    expect(clip('a\u001b[31mb\r\nc\u0000d\u2028e', 100)).toBe('a [31mb c d e');
    expect(clip('x'.repeat(500), 10)).toBe('xxxxxxxxxx… (500 characters)');
  });

  it('clips every line of a log', () => {
    const log = memoryLog();

    clippedLog(log).child('ingest').warn(`${'\u001b[2J'}${'y'.repeat(5000)}`);

    expect(log.lines[0]).toMatch(/^\[ingest\] warning: {2}\[2Jy+… \(5004 characters\)$/);
    expect(log.lines[0]!.length).toBeLessThan(LIMITS.logLineChars + 60);
  });
});

describe('jsonDepth', () => {
  it.each([
    ['{}', 1],
    ['{"a": [[1]], "b": {}}', 3],
    ['{"a": "[[[[\\"]]]]"}', 1],
    ['{"a": "\\\\"}', 1],
    ['"[[["', 0],
  ])('finds how deep %s nests', (text, depth) => {
    expect(jsonDepth(text, 64)).toBe(depth);
  });

  it('stops counting past the limit', () => {
    expect(jsonDepth('['.repeat(1_000_000), 64)).toBe(65);
  });
});

describe('the quarantine file', () => {
  it(`keeps the text of the first ${LIMITS.quarantineTextRows} records, then line and reason only`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quarantine-'));
    const q = new QuarantineFile(join(dir, 'q.jsonl'), 'crm/Task.csv');

    for (let line = 2; line < LIMITS.quarantineTextRows + 12; line++) q.add(line, 'ActivityDate', `bad\u0007 ${'r'.repeat(1000)}`, `T${line},x`);
    q.close();

    const records = (await readFile(join(dir, 'q.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as QuarantineRecord);
    expect(records).toHaveLength(LIMITS.quarantineTextRows + 10);
    expect(records[LIMITS.quarantineTextRows - 1]!.text).toBe(`T${LIMITS.quarantineTextRows + 1},x`);
    expect(records[LIMITS.quarantineTextRows]!.text).toBe('');
    expect(records.at(-1)!.line).toBe(LIMITS.quarantineTextRows + 11);
    expect(records[0]!.reason).toMatch(/^bad {2}r+… \(1005 characters\)$/);
    expect(q.count).toBe(LIMITS.quarantineTextRows + 10);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('the share of bad rows', () => {
  it.each([
    [999, 999, false],
    [1000, 200, false],
    [1000, 201, true],
    [5_000_000, 4_000_000, true],
  ])('of %i records with %i bad rejects the file: %s', (read, bad, rejected) => {
    if (rejected) expect(() => checkBadShare(read, bad)).toThrow(/more than 20 % of rows are bad/);
    else expect(() => checkBadShare(read, bad)).not.toThrow();
  });
});
