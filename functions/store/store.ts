/**
 * Where the lake lives. Stage logic reaches storage only through this
 * interface, so the same code runs on a local folder and on S3. Keys are the
 * lake keys of the design (README) (`raw/opportunities/drop=…/part-0.parquet`), always
 * with `/` separators and no leading slash.
 */
export interface ObjectStore {
  /** for logs and messages: `folder .scorecard` or `s3://bucket` */
  readonly description: string;
  /** the object's bytes, or `undefined` when there is no such key */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** every key under `prefix`, sorted */
  list(prefix: string): Promise<string[]>;
  /** deletes every key under `prefix`; returns how many */
  deletePrefix(prefix: string): Promise<number>;
}

export async function getText(store: ObjectStore, key: string): Promise<string | undefined> {
  const bytes = await store.get(key);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

export async function getJson<T>(store: ObjectStore, key: string): Promise<T | undefined> {
  const text = await getText(store, key);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

export function putJson(store: ObjectStore, key: string, value: unknown): Promise<void> {
  return store.put(key, JSON.stringify(value, null, 2) + '\n', 'application/json');
}

/** Rejects keys that could escape the store's root (`..`, absolute paths). */
export function checkKey(key: string): string {
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`unsafe object key: ${key}`);
  }
  return key;
}
