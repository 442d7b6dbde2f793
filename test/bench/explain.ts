import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runParams } from '../../functions/compute/params.ts';
import { computeKpiTables } from '../../functions/compute/tables.ts';
import type { Engine } from '../../functions/engine/engine.ts';
import { openLake } from '../../functions/lake/open.ts';
import { benchContext } from './bench-context.ts';

/** One statement compute ran, and how long it took. */
export interface TimedStatement {
  /** the `sql/` file it came from, or the statement's start for the runner's own SQL */
  label: string;
  ms: number;
  /** memory DuckDB holds once the statement is done (temporary tables, caches), in MB */
  heldMb: number;
  /** the process's peak RSS while the statement ran, in MB (0 off Linux) */
  peakRssMb: number;
  sql: string;
}

/** Linux: resets the process's peak RSS (VmHWM), so that the next read is the peak since now. */
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: the peaks then read as the process's peak so far
  }
}

function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return Math.round(Number(kb ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/**
 * Wraps an engine so that every statement is timed (in order) into `into`,
 * with the process's peak memory while it ran; `held` (not timed) says how
 * much memory the engine holds after each.
 */
export function timingEngine(engine: Engine, into: TimedStatement[], held: () => Promise<number>): Engine {
  const time = async <T>(sql: string, file: string | undefined, run: () => Promise<T>): Promise<T> => {
    resetPeakRss();
    const started = performance.now();
    try {
      return await run();
    } finally {
      const ms = performance.now() - started;
      const peak = peakRssMb();
      const label = file ?? sql.replace(/\s+/g, ' ').trim().slice(0, 70);
      into.push({ label, ms, heldMb: await held(), peakRssMb: peak, sql });
    }
  };
  return {
    kind: engine.kind,
    exec: (sql, origin) => time(sql, origin?.file, () => engine.exec(sql, origin)),
    query: (sql, origin) => time(sql, origin?.file, () => engine.query(sql, origin)),
    close: () => engine.close(),
  };
}

/** The window every canonical view uses to keep the latest version of a record. */
const CURRENT_STATE = /ROW_NUMBER\(\) OVER \(PARTITION BY id ORDER BY system_modstamp DESC/;

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

/** An operator of an EXPLAIN ANALYZE profile: where a statement's time went. */
export interface HotOperator {
  operator: string;
  seconds: number;
  rows: number;
  /** the operator's details in one line (join condition, aggregates, projections …), cut short */
  detail: string;
}

/**
 * The operators of an `EXPLAIN (ANALYZE, FORMAT json)` profile, slowest first.
 *
 * @example
 * hotOperators(JSON.parse(row.explain_value))[0]; // { operator: 'HASH_GROUP_BY', seconds: 0.99, rows: 4016, detail: '…' }
 */
export function hotOperators(profile: ProfileNode): HotOperator[] {
  const out: HotOperator[] = [];
  const walk = (node: ProfileNode): void => {
    if (node.operator_name) {
      const detail = Object.entries(node.extra_info ?? {})
        .filter(([key]) => key !== 'Estimated Cardinality')
        .map(([key, value]) => `${key}: ${[value].flat().join(', ')}`)
        .join('; ')
        .replace(/\s+/g, ' ');
      out.push({
        operator: node.operator_name.trim(),
        seconds: node.operator_timing ?? 0,
        rows: node.operator_cardinality ?? 0,
        detail: detail.length > 160 ? `${detail.slice(0, 157)}...` : detail,
      });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(profile);
  return out.sort((a, b) => b.seconds - a.seconds);
}

/**
 * `tsx test/bench/explain.ts --workspace test/bench/work/s10/lake [--as-of D] [--top N]`:
 * where compute spends its time, on a lake a bench run kept (`--keep`).
 * Runs the KPI computation once with every statement timed, prints them
 * slowest first, then profiles the `--top` slowest with DuckDB's
 * `EXPLAIN ANALYZE`: their slowest operators are printed, the whole
 * profiles written to `<workspace>/../explain/`.
 */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string' },
      'as-of': { type: 'string', default: '2026-03-31' },
      top: { type: 'string', default: '5' },
    },
  });
  if (!values.workspace) throw new Error('usage: tsx test/bench/explain.ts --workspace DIR [--as-of D] [--top N]');
  const ctx = await benchContext(values.workspace, 'explain');
  const statements: TimedStatement[] = [];
  const started = performance.now();
  const lake = await openLake(ctx);
  const opened = performance.now() - started;
  try {
    const held = async () => {
      const [row] = await lake.query<{ bytes: number }>('SELECT CAST(SUM(memory_usage_bytes) AS DOUBLE) AS bytes FROM duckdb_memory()');
      return Math.round((row?.bytes ?? 0) / 2 ** 20);
    };
    await computeKpiTables(timingEngine(lake, statements, held), runParams(ctx.config, values['as-of']));
    const total = statements.reduce((sum, s) => sum + s.ms, opened);
    const sorted = [...statements].sort((a, b) => b.ms - a.ms);
    const mostHeld = Math.max(...statements.map((s) => s.heldMb));
    process.stdout.write(
      `compute ${(total / 1000).toFixed(2)} s: openLake ${(opened / 1000).toFixed(2)} s, ${statements.length} statements; ` +
        `DuckDB holds up to ${mostHeld} MB between statements\n` +
        '    time  share   peak RSS   held after  statement\n',
    );
    for (const s of sorted.slice(0, 25)) {
      const mb = (n: number) => `${String(n).padStart(6)} MB`;
      process.stdout.write(
        `${(s.ms / 1000).toFixed(2).padStart(6)} s ${((100 * s.ms) / total).toFixed(1).padStart(5)} %  ${mb(s.peakRssMb)}  ${mb(s.heldMb)}  ${s.label}\n`,
      );
    }
    const out = join(values.workspace, '..', 'explain');
    await mkdir(out, { recursive: true });
    const kinds = new Map<string, number>();
    for (const [i, s] of sorted.slice(0, Number(values.top)).entries()) {
      // after the run every relation a statement reads exists; re-running one only replaces a temp table or adds rows to kpi_rows
      const [row] = await lake.query<{ explain_value: string }>(`EXPLAIN (ANALYZE, FORMAT json) ${s.sql}`);
      const profile = JSON.parse(row?.explain_value ?? '{}') as ProfileNode;
      const file = join(out, `${i + 1}-${s.label.replace(/[^a-z0-9_.-]+/gi, '_').slice(0, 60)}.json`);
      await writeFile(file, JSON.stringify({ sql: s.sql, profile }, null, 2));
      process.stdout.write(`\n${s.label}: slowest operators (CPU seconds summed over threads)\n`);
      const operators = hotOperators(profile);
      for (const op of operators.slice(0, 6)) {
        process.stdout.write(`${op.seconds.toFixed(2).padStart(8)} s ${String(op.rows).padStart(10)} rows  ${op.operator}  ${op.detail}\n`);
      }
      for (const op of operators) {
        const kind = CURRENT_STATE.test(op.detail) ? `${op.operator} (current state of sql/canonical/)` : op.operator;
        kinds.set(kind, (kinds.get(kind) ?? 0) + op.seconds);
      }
      process.stdout.write(`wrote ${file}\n`);
    }
    if (kinds.size > 0) {
      const all = [...kinds.values()].reduce((a, b) => a + b, 0);
      process.stdout.write(`\nCPU seconds by operator over the ${Math.min(Number(values.top), sorted.length)} profiled statements (${all.toFixed(1)} s):\n`);
      for (const [kind, seconds] of [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
        process.stdout.write(`${seconds.toFixed(2).padStart(8)} s ${((100 * seconds) / all).toFixed(1).padStart(5)} %  ${kind}\n`);
      }
    }
  } finally {
    await lake.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
