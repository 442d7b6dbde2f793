import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsStore } from '../../../functions/store/fs.ts';
import { putMany } from '../../../functions/store/put-many.ts';

/** A folder store that records how many writes run at once. */
class CountingStore extends FsStore {
  running = 0;
  most = 0;
  override async put(key: string, body: Uint8Array | string): Promise<void> {
    this.most = Math.max(this.most, ++this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await super.put(key, body);
    } finally {
      this.running--;
    }
  }
}

describe('putMany', () => {
  it('writes every object, several at a time but not all at once, and makes bodies only when their turn comes', async () => {
    // Prepare
    const store = new CountingStore(mkdtempSync(join(tmpdir(), 'put-many-')));
    let made = 0;
    const items = Array.from({ length: 100 }, (_, i) => ({
      key: `site/p${i}/index.html`,
      body: i % 2 ? `page ${i}` : async () => (made++, `made ${i}`),
    }));

    // Act
    await putMany(store, items);

    // Assess
    expect(await store.list('site/')).toHaveLength(100);
    expect(new TextDecoder().decode(await store.get('site/p7/index.html'))).toBe('page 7');
    expect(new TextDecoder().decode(await store.get('site/p8/index.html'))).toBe('made 8');
    expect(made).toBe(50);
    expect(store.most).toBeGreaterThan(1);
    expect(store.most).toBeLessThanOrEqual(16);
  });

  it('fails when a write fails', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'put-many-')));
    const broken = [{ key: 'a', body: 'x' }, { key: 'b', body: () => Promise.reject(new Error('disk full')) }];
    await expect(putMany(store, broken)).rejects.toThrow('disk full');
  });
});
