import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One function's share of a V8 CPU profile (the JavaScript main thread only: DuckDB's threads are not sampled). */
export interface HotFunction {
  /** `name (file:line)`, the file relative to the repository */
  where: string;
  selfMs: number;
  /** of the profile's sampled time, idle excluded */
  selfPct: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas);
}

/** Longest function label kept: V8 names a compiled regular expression by its source, which can run to kilobytes. */
const MAX_LABEL = 120;

function describe(frame: ProfileNode['callFrame'], root: string): string {
  const given = frame.functionName || '(anonymous)';
  const name = given.length > MAX_LABEL ? `${given.slice(0, MAX_LABEL)}…` : given;
  if (!frame.url) return name;
  const file = frame.url.startsWith('file://') ? relative(root, fileURLToPath(frame.url)) : frame.url;
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

/**
 * The functions with the most self time in the `.cpuprofile` files that
 * `node --cpu-prof --cpu-prof-dir=dir` wrote (one per thread, summed).
 * `(program)` is native code V8 cannot attribute (DuckDB's binding called
 * from JavaScript), `(garbage collector)` is GC; idle time is left out.
 *
 * @example
 * const hot = await hotFunctions('work/profiles-s10/ingest', process.cwd(), 15);
 * hot[0]; // { where: 'parseRecord (functions/ingest/csv-parser.ts:120)', selfMs: 5123, selfPct: 31.2 }
 */
export async function hotFunctions(dir: string, root: string, top: number): Promise<HotFunction[]> {
  const self = new Map<string, number>();
  let total = 0;
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
    if (!isCpuProfile(profile)) throw new Error(`${join(dir, name)} is not a V8 CPU profile`);
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      if (!frame || frame.functionName === '(idle)') return;
      const key = describe(frame, root);
      self.set(key, (self.get(key) ?? 0) + us);
      total += us;
    });
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: Math.round(us / 1000), selfPct: Number(((100 * us) / (total || 1)).toFixed(1)) }));
}
