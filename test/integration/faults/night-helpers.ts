import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Received } from '../notify/smtp-server.ts';

export const ROOT = join(import.meta.dirname, '../../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `scorecard <args>` as a child process, as a user or a scheduler
 * would (from the repository, where Astro expects to run); `crashAt` names
 * a crash point (functions/run/crash-point.ts) where it kills itself.
 */
export function scorecard(args: string[], options: { config: string; crashAt?: string; crashAfter?: number; env?: NodeJS.ProcessEnv }): {
  done: Promise<Exit>;
  pid: number;
} {
  // one DuckDB thread: a parallel sum of doubles may differ in its last bit between runs (skill_score_avg),
  // which the fixed-order sum of branch i13 removes; until it is merged the byte comparisons need this
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.SCORECARD_CRASH_AT;
  delete env.SCORECARD_CRASH_AFTER;
  if (options.crashAt) env.SCORECARD_CRASH_AT = options.crashAt;
  if (options.crashAfter) env.SCORECARD_CRASH_AFTER = String(options.crashAfter);
  const child = spawn('node', ['bin/scorecard.js', ...args, '--config', options.config], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { done, pid: child.pid ?? 0 };
}

/** Every file under `dir/prefix`, relative to `dir`, with the SHA-256 of its bytes. */
export async function tree(dir: string, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const base = join(dir, prefix);
  if (!existsSync(base)) return out;
  const entries = await readdir(base, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) {
    // a running night renews its lease and renames temporary files while we read: a file gone since the listing is skipped
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (bytes) out.set(relative(dir, file).split(sep).join('/'), createHash('sha256').update(bytes).digest('hex'));
  }
  return out;
}

/** Files whose name says they are half-written or scratch: what a crashed run may leave and a run must sweep. */
export function leftovers(files: Iterable<string>): string[] {
  return [...files].filter((f) => /\.tmp-\d+$/.test(f));
}

/** How many messages each recipient got for version `asOf` (by the link in the message). */
export async function mailsPerRecipient(received: Received[], asOf: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const mail of received) {
    const parsed = await simpleParser(mail.raw);
    if (!(parsed.text ?? '').includes(`/v/${asOf}/`)) continue;
    for (const to of mail.to) counts.set(to.toLowerCase(), (counts.get(to.toLowerCase()) ?? 0) + 1);
  }
  return counts;
}

/** Polls until `check` holds: watching the lake, not sleeping for a guessed time. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
