import type { ObjectStore } from './store.ts';

/** How many objects are written at once: a site version is thousands of small files, and one at a time the waits add up. */
const AT_ONCE = 16;

/** An object to write; `body` may be made when its turn comes (a file read), so that not all are in memory at once. */
export interface PutItem {
  key: string;
  body: Uint8Array | string | (() => Promise<Uint8Array | string>);
  contentType?: string;
}

/**
 * Writes many objects, several at a time. Stops at the first failure
 * (the objects already written stay: callers write idempotently).
 *
 * @example
 * await putMany(store, pages.map((page) => ({ key: `site/latest/${page}index.html`, body: html(page), contentType: 'text/html; charset=utf-8' })));
 */
export async function putMany(store: ObjectStore, items: PutItem[]): Promise<void> {
  let next = 0;
  const writer = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      const { key, body, contentType } = items[i]!;
      await store.put(key, typeof body === 'function' ? await body() : body, contentType);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, writer));
}
