import { readSqlFolder, type SqlFile } from '../engine/sql-files.ts';
import { ComputeError } from './errors.ts';

/** A building block of `sql/kpis/`: `00_<n>_<relation>.sql` defines the relation `<relation>`. */
export interface BlockFile extends SqlFile {
  relation: string;
  /** `<n>`: blocks run in this order */
  order: number;
}

/** The KPI SQL: building blocks in dependency (name) order, then one file per KPI family. */
export interface KpiSql {
  blocks: BlockFile[];
  families: SqlFile[];
}

const BLOCK = /^kpis\/00_(\d+)_([a-z][a-z0-9_]*)\.sql$/;
const FAMILY = /^kpis\/(\d\d)_[a-z0-9_]+\.sql$/;

/**
 * Reads `sql/kpis/`. Files named `00_<n>_<relation>.sql` are building
 * blocks: each is one SELECT whose result later files read as
 * `<relation>`, so a block may use the blocks before it. Files `NN_<name>.sql`
 * (NN from 01) are the KPI families; each is one SELECT returning KPI rows.
 *
 * @example
 * const { blocks, families } = await readKpiSql();
 * blocks[0].relation; // 'members'
 */
export async function readKpiSql(): Promise<KpiSql> {
  const blocks: BlockFile[] = [];
  const families: SqlFile[] = [];
  for (const file of await readSqlFolder('kpis')) {
    const block = BLOCK.exec(file.name);
    if (block?.[2]) blocks.push({ ...file, relation: block[2], order: Number(block[1]) });
    else if (FAMILY.test(file.name) && !file.name.startsWith('kpis/00_')) families.push(file);
    else throw new ComputeError(`unexpected file ${file.name}`, 'name it 00_<n>_<relation>.sql or NN_<family>.sql');
  }
  // numerically, so that 00_10_x comes after 00_9_y
  blocks.sort((a, b) => a.order - b.order);
  return { blocks, families };
}
