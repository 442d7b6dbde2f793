import type { HotFunction } from './cpu-profile.ts';
import type { ColumnsByTable } from './kpi-columns.ts';
import type { SiteWeight } from './page-weight.ts';
import type { StepMeasure } from './spawn-step.ts';
import type { StepName } from './steps.ts';

/** The machine and code a result was measured on, so that results can be compared with care. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  duckdb: string;
  astro: string;
  /** the commit of the tree (with `+dirty` when it had changes) */
  commit: string;
  /** 1-minute load average before and after the run: other work on the machine skews timings */
  loadBefore: number;
  loadAfter: number;
}

/** One target of the issue, checked against this run. */
export interface TargetCheck {
  id: 'ingest' | 'compute' | 'site' | 'end-to-end' | 'memory';
  what: string;
  limit: number;
  actual: number;
  unit: string;
  met: boolean;
}

/** A bench run: what `test/bench/results/<date>-<scale>.json` holds. */
export interface BenchResult {
  /** bumped when a field changes meaning */
  format: 1;
  date: string;
  scale: number;
  seed: number;
  asOf: string;
  options: { lambdaMemoryMb: number | null; profile: boolean; repeat: number };
  machine: Machine;
  input: {
    /** data rows per file of the drop (CSV rows without header, JSON lines) */
    rows: Record<string, number>;
    totalRows: number;
    bytes: Record<string, number>;
    totalBytes: number;
    /** the organisation the drop describes: entities of the computed version by level */
    entities: { ae: number; team: number; org: number };
    opportunities: number;
    opportunityHistory: number;
    /** tasks + events */
    activities: number;
  };
  steps: { [K in StepName]: StepMeasure<K> };
  /** ratio: of work seconds (the target's); cpuRatio: of CPU seconds, which other work on the machine disturbs less */
  ingest: { rows: number; rowsPerS: number; baselineRowsPerS: number; ratio: number; cpuRatio: number };
  compute: { ratio: number; cpuRatio: number; floorColumns: ColumnsByTable; floorRows: number; outputRows: Record<string, number> };
  site: { pages: number; msPerPage: number; baselineMsPerPage: number; ratio: number; weight: SiteWeight };
  notify: { sent: number };
  /** ingest + compute + publish + notify, each a process of its own, as the nightly run chains them */
  endToEnd: { wallS: number; cpuS: number; peakRssMb: number };
  targets: TargetCheck[];
  /** with --profile: the hottest JavaScript functions of each stage */
  profiles?: Partial<Record<StepName, HotFunction[]>>;
}

/** The stages of a night, in order; demo and the baselines are not part of it. */
export const STAGES = ['ingest', 'compute', 'publish', 'notify'] as const;

const ratio = (a: number, b: number) => Number((a / (b || Number.MIN_VALUE)).toFixed(2));

/**
 * The targets (for the largest scale, on the 2-core machine). The
 * ratios compare work times (the stage function against the baseline's),
 * so that Node's start-up, the same on both sides, does not flatter small
 * scales; end to end is wall time, start-ups included.
 *
 * @example
 * checkTargets(result).filter((t) => !t.met).map((t) => t.what);
 */
export function checkTargets(result: Omit<BenchResult, 'targets'>): TargetCheck[] {
  const check = (id: TargetCheck['id'], what: string, actual: number, limit: number, unit: string): TargetCheck => ({
    id,
    what,
    limit,
    actual,
    unit,
    met: actual <= limit,
  });
  return [
    check('ingest', 'ingest ≤ 2× DuckDB read_csv → Parquet', result.ingest.ratio, 2, '×'),
    check('compute', 'compute ≤ 3× one scan of the KPI input columns', result.compute.ratio, 3, '×'),
    check('site', 'site build ≤ 10 ms per page', result.site.msPerPage, 10, 'ms/page'),
    check('end-to-end', 'end to end ≤ 10 minutes', result.endToEnd.wallS, 600, 's'),
    check('memory', 'peak memory ≤ 4 GB', result.endToEnd.peakRssMb, 4096, 'MB'),
  ];
}

/** The figures derived from the step measures. */
export function derive(steps: BenchResult['steps'], weight: SiteWeight) {
  const ingestRows = steps.ingest.output.read;
  const baselineRows = Object.values(steps['ingest-baseline'].output.rows).reduce((a, b) => a + b, 0);
  const pages = steps.publish.output.pages;
  const trivialPages = steps['site-baseline'].output.pages;
  const msPerPage = Number(((1000 * steps.publish.workS) / (pages || 1)).toFixed(1));
  const baselineMsPerPage = Number(((1000 * steps['site-baseline'].workS) / (trivialPages || 1)).toFixed(1));
  const stages = STAGES.map((s) => steps[s]);
  return {
    ingest: {
      rows: ingestRows,
      rowsPerS: Math.round(ingestRows / steps.ingest.workS),
      baselineRowsPerS: Math.round(baselineRows / steps['ingest-baseline'].workS),
      ratio: ratio(steps.ingest.workS, steps['ingest-baseline'].workS),
      cpuRatio: ratio(steps.ingest.cpuS, steps['ingest-baseline'].cpuS),
    },
    compute: {
      ratio: ratio(steps.compute.workS, steps['compute-floor'].workS),
      cpuRatio: ratio(steps.compute.cpuS, steps['compute-floor'].cpuS),
      floorRows: Object.values(steps['compute-floor'].output.rows).reduce((a, b) => a + b, 0),
      outputRows: steps.compute.output.rows,
    },
    site: { pages, msPerPage, baselineMsPerPage, ratio: ratio(msPerPage, baselineMsPerPage), weight },
    notify: { sent: steps.notify.output.sent },
    endToEnd: {
      wallS: Number(stages.reduce((sum, s) => sum + s.wallS, 0).toFixed(1)),
      cpuS: Number(stages.reduce((sum, s) => sum + s.cpuS, 0).toFixed(1)),
      peakRssMb: Math.max(...stages.map((s) => s.peakRssMb)),
    },
  };
}
