import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { aePath, orgPath, pageFile, teamPath } from '../../../functions/report/routes.ts';
import { FsStore } from '../../../functions/store/fs.ts';

/*
 * A lake holding two versions of the golden `basic` organisation: the golden
 * kpi_values as of 2026-11-26, entities derived from User.csv as the KPI catalog's
 * "Who and when" says, and a previous version (2026-11-25) whose values
 * differ only where a test wants a change. Published pages are empty files.
 */

export const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'basic');
export const AS_OF = '2026-11-26';
export const PREVIOUS = '2026-11-25';

/** A KPI value of the previous version that differs from the current one. */
export interface Change {
  kpi: string;
  level: 'ae' | 'team' | 'org';
  entityId: string;
  previous: number;
}

export interface FixtureEntity {
  level: 'ae' | 'team' | 'org';
  entityId: string;
  name: string | null;
  email: string | null;
  isActive: boolean;
}

export interface Fixture {
  root: string;
  store: FsStore;
  entities: FixtureEntity[];
}

/** The golden value of a KPI for the quarter that holds as-of, read straight from the CSV. */
export async function goldenQuarterValue(kpi: string, level: string, entityId: string): Promise<number | null> {
  const lines = (await readFile(join(GOLDEN, 'expected/kpi_values.csv'), 'utf8')).split('\n');
  for (const line of lines) {
    const [, k, l, id, periodType, , periodEnd, value] = line.split(',');
    if (k === kpi && l === level && id === entityId && periodType === 'quarter' && periodEnd === AS_OF) {
      return value === '' || value === undefined ? null : Number(value);
    }
  }
  throw new Error(`no golden row for ${kpi} ${level} ${entityId}`);
}

const crm = (file: string) => quoteLiteral(join(GOLDEN, 'drop/crm', file));

/** Builds the lake in a new temp folder. */
export async function makeFixture(changes: Change[] = [], options: { previous?: boolean } = {}): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'notify-fixture-'));
  const store = new FsStore(root);
  const engine = await DuckDbEngine.open({ threads: 1 });
  try {
    await engine.exec(`
      CREATE TABLE kpi AS SELECT * FROM read_csv(${quoteLiteral(join(GOLDEN, 'expected/kpi_values.csv'))}, header = true, columns = {
        'as_of': 'DATE', 'kpi': 'VARCHAR', 'level': 'VARCHAR', 'entity_id': 'VARCHAR', 'period_type': 'VARCHAR',
        'period_start': 'DATE', 'period_end': 'DATE', 'value': 'DOUBLE', 'numerator': 'DOUBLE', 'denominator': 'DOUBLE'});
      CREATE TABLE users AS SELECT * FROM read_csv(${crm('User.csv')}, header = true, all_varchar = true);
      CREATE TABLE owners AS
        SELECT OwnerId AS id FROM read_csv(${crm('Opportunity.csv')}, header = true, all_varchar = true)
        UNION SELECT QuotaOwnerId FROM read_csv(${crm('ForecastingQuota.csv')}, header = true, all_varchar = true);
      CREATE TABLE aes AS SELECT * FROM users
        WHERE Id NOT IN (SELECT ManagerId FROM users WHERE ManagerId IS NOT NULL) AND Id IN (SELECT id FROM owners);
      CREATE TABLE teams AS SELECT * FROM users WHERE Id IN (SELECT ManagerId FROM aes);
      CREATE TABLE entities AS
        SELECT DATE ${quoteLiteral(AS_OF)} AS as_of, 'ae' AS level, Id AS entity_id, Name AS name, Email AS email,
               ManagerId AS manager_id, lower(IsActive) = 'true' AS is_active,
               CASE WHEN ManagerId IN (SELECT Id FROM teams) THEN ManagerId END AS team_id
        FROM aes
        UNION ALL
        SELECT DATE ${quoteLiteral(AS_OF)}, 'team', Id, Name, Email, ManagerId, lower(IsActive) = 'true', Id FROM teams
        UNION ALL
        SELECT DATE ${quoteLiteral(AS_OF)}, 'org', 'org', 'Organisation', NULL, NULL, true, NULL;
    `);
    const partition = async (table: string, asOf: string, select: string) => {
      const file = store.path(`kpi/${table}/as_of=${asOf}/part-0.parquet`);
      await mkdir(dirname(file), { recursive: true });
      await engine.exec(`COPY (${select}) TO ${quoteLiteral(file)} (FORMAT parquet)`);
    };
    await partition('kpi_values', AS_OF, 'SELECT * FROM kpi');
    await partition('entities', AS_OF, 'SELECT * FROM entities');
    if (options.previous !== false) {
      await engine.exec('CREATE TABLE changes (kpi VARCHAR, level VARCHAR, entity_id VARCHAR, previous DOUBLE)');
      for (const c of changes) {
        await engine.exec(
          `INSERT INTO changes VALUES (${quoteLiteral(c.kpi)}, ${quoteLiteral(c.level)}, ${quoteLiteral(c.entityId)}, ${c.previous})`,
        );
      }
      // the previous night: the same periods, the running ones ending a day earlier
      await partition(
        'kpi_values',
        PREVIOUS,
        `SELECT DATE ${quoteLiteral(PREVIOUS)} AS as_of, k.kpi, k.level, k.entity_id, k.period_type, k.period_start,
                CASE WHEN k.period_end = DATE ${quoteLiteral(AS_OF)} THEN DATE ${quoteLiteral(PREVIOUS)} ELSE k.period_end END AS period_end,
                COALESCE(c.previous, k.value) AS value, k.numerator, k.denominator
         FROM kpi k LEFT JOIN changes c USING (kpi, level, entity_id)`,
      );
    }
    const entities = await engine.query<FixtureEntity>(
      `SELECT level, entity_id AS "entityId", name, email, is_active AS "isActive" FROM entities ORDER BY level, entity_id`,
    );
    return { root, store, entities };
  } finally {
    await engine.close();
  }
}

/** The site paths the e-mails of the fixture may link to. */
export function publishedPaths(entities: FixtureEntity[], asOf = AS_OF): string[] {
  return [
    orgPath(asOf),
    ...entities.filter((e) => e.level === 'team').map((e) => teamPath(asOf, e.entityId)),
    ...entities.filter((e) => e.level === 'ae' && e.isActive).map((e) => aePath(asOf, e.entityId)),
  ];
}

/** Writes a stand-in page for every path but `except`, as the publish stage would. */
export async function publishPages(store: FsStore, paths: string[], except: string[] = []): Promise<void> {
  for (const path of paths) {
    if (!except.includes(path)) await store.put(`site/${pageFile(path)}`, `<!doctype html><title>${path}</title>`);
  }
}
