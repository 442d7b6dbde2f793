import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../functions/store/store.ts';
import { getJson, putJson } from '../../functions/store/store.ts';

/** The behaviour every ObjectStore must have, run against each implementation. */
export function storeContract(name: string, open: () => ObjectStore) {
  describe(`${name} object store`, () => {
    it('reads back what it wrote, bytes and text', async () => {
      const store = open();
      await store.put('a/b/bytes.bin', new Uint8Array([0, 1, 255]));
      await store.put('a/b/text.txt', 'สวัสดี, hello');

      expect(Array.from((await store.get('a/b/bytes.bin')) ?? [])).toEqual([0, 1, 255]);
      expect(new TextDecoder().decode(await store.get('a/b/text.txt'))).toBe('สวัสดี, hello');
    });

    it('answers undefined for a missing key', async () => {
      expect(await open().get('no/such/key')).toBeUndefined();
    });

    it('lists keys under a prefix, sorted, and not beside it', async () => {
      const store = open();
      for (const key of ['p/x/2.txt', 'p/x/1.txt', 'p/xy/3.txt', 'q/4.txt']) await store.put(key, key);

      expect(await store.list('p/x/')).toEqual(['p/x/1.txt', 'p/x/2.txt']);
      expect(await store.list('p/x')).toEqual(['p/x/1.txt', 'p/x/2.txt', 'p/xy/3.txt']);
      expect(await store.list('nothing/')).toEqual([]);
    });

    it('deletes a prefix and nothing else', async () => {
      const store = open();
      for (const key of ['d/as_of=1/a', 'd/as_of=1/b', 'd/as_of=2/a']) await store.put(key, key);

      expect(await store.deletePrefix('d/as_of=1/')).toBe(2);
      expect(await store.list('d/')).toEqual(['d/as_of=2/a']);
    });

    it('round-trips JSON', async () => {
      const store = open();
      await putJson(store, 'r/report.json', { files: [{ name: 'User.csv', loaded: 3 }] });
      expect(await getJson(store, 'r/report.json')).toEqual({ files: [{ name: 'User.csv', loaded: 3 }] });
    });

    it('refuses keys that would escape the store', async () => {
      await expect(open().put('../outside.txt', 'x')).rejects.toThrow(/unsafe object key/);
    });
  });
}
