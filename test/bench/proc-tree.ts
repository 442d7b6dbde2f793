import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU times in /proc in clock ticks of 1/100 s (USER_HZ) on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

interface ProcSample {
  ppid: number;
  /** user + system CPU seconds of the process itself */
  cpuS: number;
  rssKb: number;
}

/** One process's line of /proc/<pid>/stat and VmRSS of /proc/<pid>/status, or undefined once it has gone. */
function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return {
      ppid: Number(fields[1]),
      cpuS: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      rssKb: rss ? Number(rss[1]) : 0,
    };
  } catch {
    return undefined;
  }
}

/** What a sampler saw of a process tree while it ran. */
export interface TreeUsage {
  /** greatest sum of the RSS of the root and all its descendants at one sample, in kB */
  peakTreeRssKb: number;
  /** CPU seconds of the descendants (not the root), as last sampled before each exited */
  descendantsCpuS: number;
  /** distinct descendant processes seen (esbuild's service, DuckDB never forks) */
  descendants: number;
  samples: number;
}

/**
 * Samples a process and its descendants from /proc every `intervalMs`, so
 * that memory held by helper processes (Astro's esbuild service) counts
 * towards a stage's peak. Off Linux (no /proc) it sees nothing and reports
 * zeros; the stage's own `process.resourceUsage()` still holds.
 *
 * @example
 * const sampler = sampleTree(child.pid!, 100);
 * child.on('exit', () => console.log(sampler.stop().peakTreeRssKb));
 */
export function sampleTree(rootPid: number, intervalMs: number): { stop(): TreeUsage } {
  const lastCpu = new Map<number, number>();
  const usage: TreeUsage = { peakTreeRssKb: 0, descendantsCpuS: 0, descendants: 0, samples: 0 };
  const sample = (): void => {
    let pids: number[];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
    } catch {
      return;
    }
    const procs = new Map<number, ProcSample>();
    for (const pid of pids) {
      const proc = readProc(pid);
      if (proc) procs.set(pid, proc);
    }
    const inTree = new Set([rootPid]);
    // parents have smaller pids except after wrap-around: repeat until nothing is added
    for (let added = true; added; ) {
      added = false;
      for (const [pid, proc] of procs) {
        if (!inTree.has(pid) && inTree.has(proc.ppid)) {
          inTree.add(pid);
          added = true;
        }
      }
    }
    let rss = 0;
    for (const pid of inTree) {
      const proc = procs.get(pid);
      if (!proc) continue;
      rss += proc.rssKb;
      if (pid !== rootPid) lastCpu.set(pid, proc.cpuS);
    }
    usage.peakTreeRssKb = Math.max(usage.peakTreeRssKb, rss);
    usage.samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      usage.descendants = lastCpu.size;
      usage.descendantsCpuS = [...lastCpu.values()].reduce((a, b) => a + b, 0);
      return usage;
    },
  };
}
