import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WriteFile } from './demo.ts';

/**
 * Writes each file under `root` (folders created as needed), streaming.
 *
 * @example
 * await writeDemoDrop(directoryWriter('/tmp/drop'), { asOf: '2026-03-31', seed: 1, scale: 1 });
 */
export function directoryWriter(root: string): WriteFile {
  return async (relativePath, chunks) => {
    const path = join(root, relativePath);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, chunks, 'utf8');
  };
}

/**
 * Keeps every file in memory as its list of chunks (for tests and small
 * drops); `text(path)` joins one.
 */
export function memoryWriter(): { write: WriteFile; files: Map<string, string[]>; text(path: string): string } {
  const files = new Map<string, string[]>();
  return {
    files,
    write: async (relativePath, chunks) => {
      const parts: string[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      files.set(relativePath, parts);
    },
    text(path) {
      const parts = files.get(path);
      if (!parts) throw new Error(`no file ${path} was written`);
      return parts.join('');
    },
  };
}
