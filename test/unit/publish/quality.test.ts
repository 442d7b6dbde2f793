import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropQuality, readDataQuality } from '../../../functions/publish/quality.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { INGEST_REPORT } from '../../fixtures/site/golden-lake.ts';

describe('dropQuality', () => {
  it('shows each file with its counts, rejection and the reasons rows were set aside', async () => {
    // Act
    const drop = dropQuality('2026-11-26', await readFile(INGEST_REPORT, 'utf8'));

    // Assess
    expect(drop.unreadable).toBeNull();
    expect(drop.files.map((f) => [f.file, f.status, f.loaded, f.quarantined])).toEqual([
      ['crm/User.csv', 'loaded', 22, 0],
      ['crm/Opportunity.csv', 'quarantined', 402, 2],
      ['crm/Notes.csv', 'rejected', 0, 0],
    ]);
    expect(drop.files[1]?.reasons.map((r) => [r.column, r.lines])).toEqual([
      ['CloseDate', [230]],
      ['Amount', [17]],
    ]);
    expect(drop.files[2]?.rejected?.hint).toMatch(/rename/);
  });

  it.each([
    ['not json', 'the ingest report is not valid JSON'],
    ['{"drop":"x"}', 'the ingest report has no list of files'],
  ])('shows an unreadable report (%s) instead of failing the build', (text, reason) => {
    expect(dropQuality('x', text)).toMatchObject({ files: [], unreadable: reason });
  });
});

describe('readDataQuality', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quality-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the drops up to as_of, oldest first, and the newest drop date for freshness', async () => {
    // Prepare
    const store = new FsStore(dir);
    const report = await readFile(INGEST_REPORT, 'utf8');
    for (const drop of ['2026-11-27', '2026-11-24', '2026-11-26T0200Z', 'manual-upload']) await store.put(`reports/ingest/${drop}.json`, report);

    // Act
    const quality = await readDataQuality(store, '2026-11-26');

    // Assess
    expect(quality.drops.map((d) => d.drop)).toEqual(['2026-11-24', '2026-11-26T0200Z', 'manual-upload']);
    expect(quality.newestDrop).toBe('2026-11-26');
  });
});
