import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runParams } from '../../functions/compute/params.ts';
import { computeKpiTables } from '../../functions/compute/tables.ts';
import { resolveConfig } from '../../functions/config.ts';
import type { Engine } from '../../functions/engine/engine.ts';
import { openLake } from '../../functions/lake/open.ts';
import { memoryLog } from '../../functions/log.ts';
import { TABLES } from '../../functions/lake/raw-tables.ts';
import { FsStore } from '../../functions/store/fs.ts';

/** The raw columns a computation reads, by raw table (`raw_opportunities`), each list in schema order. */
export type ColumnsByTable = Record<string, string[]>;

interface PlanNode {
  name?: string;
  children?: PlanNode[];
  extra_info?: Record<string, unknown>;
}

function isPlanNode(value: unknown): value is PlanNode {
  return typeof value === 'object' && value !== null;
}

const RAW_COLUMNS = new Map(
  TABLES.map((t) => [`raw_${t.name}`, [...t.columns.map((c) => c.name), 'drop_id', 'source_line']]),
);

/** Adds the raw-table columns that the scans of one EXPLAIN (FORMAT json) plan project or filter on. */
function collectScans(node: PlanNode, into: Map<string, Set<string>>): void {
  const info = node.extra_info ?? {};
  const table = typeof info.Table === 'string' ? info.Table.slice(info.Table.lastIndexOf('.') + 1) : undefined;
  const known = table ? RAW_COLUMNS.get(table) : undefined;
  if (table && known) {
    const used = into.get(table) ?? new Set<string>();
    // a filter pushed into the scan may name a column that is not projected after it
    const text = [info.Projections, info.Filters].flat().filter((x) => typeof x === 'string').join(' ');
    const words = new Set(text.match(/[a-z_][a-z0-9_]*/g) ?? []);
    for (const column of known) if (words.has(column)) used.add(column);
    into.set(table, used);
  }
  for (const child of node.children ?? []) collectScans(child, into);
}

/**
 * The columns of the raw zone that computing the KPIs reads, worked out by
 * DuckDB rather than by reading the SQL: the whole KPI computation (the
 * canonical views of `sql/canonical/`, then `sql/kpis/`) runs on an empty
 * lake, and every statement is first EXPLAINed; the scans of `raw_<table>`
 * in those plans list the columns projection pushdown kept. This is the
 * input of the compute floor: reading exactly these columns once.
 *
 * @example
 * const columns = await kpiInputColumns('2026-03-31');
 * columns.raw_opportunities; // ['id', 'account_id', 'owner_id', 'amount', …, 'drop_id', 'source_line']
 */
export async function kpiInputColumns(asOf: string): Promise<ColumnsByTable> {
  const empty = await mkdtemp(join(tmpdir(), 'bench-columns-'));
  const config = resolveConfig({ workspace: empty });
  const used = new Map<string, Set<string>>();
  const lake = await openLake({ config, store: new FsStore(empty), log: memoryLog(), scratch: empty });
  const explaining: Engine = {
    kind: lake.kind,
    async exec(sql, origin) {
      const [row] = await lake.query<{ explain_value: string }>(`EXPLAIN (FORMAT json) ${sql}`, origin);
      const plan: unknown = JSON.parse(row?.explain_value ?? '[]');
      for (const node of Array.isArray(plan) ? plan : [plan]) if (isPlanNode(node)) collectScans(node, used);
      await lake.exec(sql, origin);
    },
    query: (sql, origin) => lake.query(sql, origin),
    close: () => lake.close(),
  };
  try {
    await computeKpiTables(explaining, runParams(config, asOf));
  } finally {
    await lake.close();
    await rm(empty, { recursive: true, force: true });
  }
  const result: ColumnsByTable = {};
  for (const [table, columns] of RAW_COLUMNS) {
    const set = used.get(table);
    if (set && set.size > 0) result[table] = columns.filter((c) => set.has(c));
  }
  return result;
}
