import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { IngestError } from '../../../functions/ingest/errors.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import type { ObjectStore } from '../../../functions/store/store.ts';

let root: string;
let input: string;

/** A store over a folder (as S3 would be: no local paths) that remembers the order of its writes. */
function recordingStore(dir: string): ObjectStore & { puts: string[] } {
  const store = new FsStore(dir);
  const puts: string[] = [];
  return {
    puts,
    description: 'recording store',
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    deletePrefix: (prefix) => store.deletePrefix(prefix),
    put: async (key, body) => {
      puts.push(key);
      await store.put(key, body);
    },
  };
}

function context(store: ObjectStore, workspace: string): StageContext {
  return { config: resolveConfig({ workspace }), store, log: memoryLog(), scratch: join(workspace, 'tmp') };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-land-'));
  input = join(root, 'input');
  await mkdir(join(input, 'crm'), { recursive: true });
  await writeFile(join(input, 'crm', 'User.csv'), 'Id,Name,Email,IsActive\nU1,Ann,a@x.io,true\n');
  await writeFile(join(root, 'secret.txt'), 'not part of the drop');
  // a link out of the drop folder must not carry the file it points to into the lake
  await symlink(join(root, 'secret.txt'), join(input, 'crm', 'Account.csv'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('landDrop', () => {
  it('copies the regular files unchanged, follows no link out of the folder, and writes _SUCCESS last', async () => {
    const workspace = join(root, 'ws1');
    const store = recordingStore(workspace);

    const ctx = context(store, workspace);

    const keys = await landDrop(ctx, input, '2026-11-26');

    expect(keys).toEqual(['landing/2026-11-26/crm/User.csv', 'landing/2026-11-26/_SUCCESS']);
    expect(store.puts).toEqual(keys);
    expect(await store.get('landing/2026-11-26/crm/Account.csv')).toBeUndefined();
    expect((ctx.log as ReturnType<typeof memoryLog>).lines.join('\n')).toMatch(/crm\/Account\.csv: a symbolic link, not landed/);
  });

  it('is a no-op for the same files, and refuses an unsafe drop id or an empty folder', async () => {
    const workspace = join(root, 'ws2');
    const ctx = context(recordingStore(workspace), workspace);
    await landDrop(ctx, input, '2026-11-26');

    await expect(landDrop(ctx, input, '2026-11-26')).resolves.toHaveLength(2);
    await expect(landDrop(ctx, input, '../outside')).rejects.toThrow(IngestError);
    await mkdir(join(root, 'empty'), { recursive: true });
    await expect(landDrop(ctx, join(root, 'empty'), 'd2')).rejects.toThrow(/holds no files/);
  });
});

describe('landDrop on a folder store', () => {
  it('copies the files byte for byte', async () => {
    const workspace = join(root, 'ws4');
    const store = new FsStore(workspace);

    await landDrop(context(store, workspace), input, 'd1');

    expect(new TextDecoder().decode(await store.get('landing/d1/crm/User.csv'))).toBe('Id,Name,Email,IsActive\nU1,Ann,a@x.io,true\n');
    expect(await store.list('landing/d1/')).toEqual(['landing/d1/_SUCCESS', 'landing/d1/crm/User.csv']);
  });
});

describe('ingestDrop before the drop is complete', () => {
  it('refuses a drop without its _SUCCESS marker, and one that never landed', async () => {
    const workspace = join(root, 'ws3');
    const store = new FsStore(workspace);
    const ctx = context(store, workspace);
    await store.put('landing/d1/crm/User.csv', 'Id,Name,Email,IsActive\n');

    await expect(ingestDrop(ctx, 'd1')).rejects.toThrow(/no _SUCCESS marker/);
    await expect(ingestDrop(ctx, 'd9')).rejects.toThrow(/nothing has landed under landing\/d9\//);
    expect(await store.list('reports/')).toEqual([]);
  });
});
