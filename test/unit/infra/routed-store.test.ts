import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FsStore } from '../../../functions/store/fs.ts';
import { PrefixRoutedStore } from '../../../functions/store/routed.ts';

describe('PrefixRoutedStore (the lake in AWS: landing/ in its own bucket)', () => {
  let lake: FsStore;
  let landing: FsStore;
  let store: PrefixRoutedStore;
  beforeEach(async () => {
    lake = new FsStore(mkdtempSync(join(tmpdir(), 'lake-')));
    landing = new FsStore(mkdtempSync(join(tmpdir(), 'landing-')));
    store = new PrefixRoutedStore(lake, [{ prefix: 'landing/', store: landing }]);
    await store.put('landing/d1/crm/Opportunity.csv', 'Id\n');
    await store.put('landing/d1/_SUCCESS', '');
    await store.put('raw/opportunities/drop=d1/part-0.parquet', 'x');
  });

  it('keeps each key in its own store, under the same key', async () => {
    expect(await landing.list('')).toEqual(['landing/d1/_SUCCESS', 'landing/d1/crm/Opportunity.csv']);
    expect(await lake.list('')).toEqual(['raw/opportunities/drop=d1/part-0.parquet']);
    expect(new TextDecoder().decode(await store.get('landing/d1/crm/Opportunity.csv'))).toBe('Id\n');
  });

  it.each([
    ['landing/d1/', ['landing/d1/_SUCCESS', 'landing/d1/crm/Opportunity.csv']],
    ['raw/', ['raw/opportunities/drop=d1/part-0.parquet']],
    ['', ['landing/d1/_SUCCESS', 'landing/d1/crm/Opportunity.csv', 'raw/opportunities/drop=d1/part-0.parquet']],
    ['l', ['landing/d1/_SUCCESS', 'landing/d1/crm/Opportunity.csv']],
  ])('lists %j across the stores it reaches', async (prefix, keys) => {
    expect(await store.list(prefix)).toEqual(keys);
  });

  it('deletes from the store that holds the keys, and only there', async () => {
    await lake.put('landing/d1/stray', 'written to the lake by mistake');

    expect(await store.deletePrefix('landing/d1/')).toBe(2);
    expect(await lake.list('')).toEqual(['landing/d1/stray', 'raw/opportunities/drop=d1/part-0.parquet']);
    expect(await store.deletePrefix('')).toBe(2);
    expect(await lake.list('')).toEqual([]);
  });
});
