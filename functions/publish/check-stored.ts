import type { ObjectStore } from '../store/store.ts';
import { PublishError } from './errors.ts';

/**
 * Checks that the stored version holds exactly the files of its build (and
 * its page list), before the versions list is moved to it: a short upload,
 * or a file that no build of this version made, stops the publish unseen.
 */
export async function checkStoredVersion(store: ObjectStore, prefix: string, expected: string[]): Promise<void> {
  const stored = new Set((await store.list(prefix)).filter((key) => !/\.tmp-\d+$/.test(key)));
  const want = new Set(expected);
  const missing = [...want].filter((key) => !stored.has(key));
  const extra = [...stored].filter((key) => !want.has(key));
  if (missing.length > 0 || extra.length > 0) {
    throw new PublishError(
      `the stored version under ${prefix} does not match its build: ${missing.length} file(s) missing, ${extra.length} unexpected ` +
        `(${[...missing, ...extra].slice(0, 3).join(', ')}): the versions list was not moved to it`,
      'run the publish again; the previous version stays the one linked',
    );
  }
}
