import { describe, expect, it } from 'vitest';
import { createTableDdl, lakeTableDdl } from '../../../infra/constructs/table-ddl.ts';
import { canonicalViewDdl, registerCanonicalViews } from '../../../functions/compute/athena/views.ts';
import { locateAthenaError } from '../../../functions/engine/athena.ts';
import type { Engine, SqlOrigin } from '../../../functions/engine/engine.ts';
import { readSqlFolder } from '../../../functions/engine/sql-files.ts';
import { INSIGHT_TABLES } from '../../../functions/lake/insight-tables.ts';
import { TABLES } from '../../../functions/lake/raw-tables.ts';
import { glueTableInput } from '../../../infra/constructs/analyst-catalog.ts';
import { lakeTables } from '../../../infra/constructs/lake-tables.ts';
import { parseTrino } from '../sql/dialect-check.ts';

const canonical = await readSqlFolder('canonical');
const views = canonicalViewDdl(canonical);
const viewNames = views.map((v) => /^CREATE OR REPLACE VIEW (\w+)/.exec(v.sql)?.[1]);

/** The TBLPROPERTIES of a CREATE EXTERNAL TABLE, read back as a map. */
function tableProperties(ddl: string): Record<string, string> {
  const block = /TBLPROPERTIES \(\n([\s\S]*)\n\)$/.exec(ddl)?.[1] ?? '';
  return Object.fromEntries(
    block.split(',\n').map((line) => {
      const [, key = '', value = ''] = /^\s*'((?:[^'\\]|\\.)*)' = '((?:[^'\\]|\\.)*)'$/.exec(line) ?? [];
      return [key, value.replace(/\\(.)/g, '$1')];
    }),
  );
}

describe('canonical views for Athena (the names analysts also see in scorecard sql)', () => {
  it('has one CREATE OR REPLACE VIEW per canonical table, named as the table', () => {
    expect(viewNames.sort()).toEqual(TABLES.map((t) => t.name).sort());
  });

  it.each(views.map((v) => [v.origin.file, v] as const))('%s parses as Trino DDL and starts with the statement', (_, view) => {
    expect(view.sql.startsWith('CREATE OR REPLACE VIEW ')).toBe(true);
    expect(parseTrino(view.sql)).toEqual(['create']);
  });

  it.each(views.map((v) => [v.origin.file, v] as const))('%s: an error on its first line is traced to the file', (file, view) => {
    const text = canonical.find((f) => f.name === file)?.text ?? '';
    const line = text.split('\n').findIndex((l) => l.startsWith('CREATE OR REPLACE VIEW')) + 1;
    expect(locateAthenaError('line 1:1: boom', view.origin)).toBe(`${file} line ${line}, column 1: boom`);
  });

  it('creates a view after the views it reads, since Athena checks them at creation', () => {
    views.forEach((view, i) => {
      const reads = [...view.sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)/gi)].map((m) => m[1]);
      for (const name of reads) {
        const at = viewNames.indexOf(name);
        if (at >= 0) expect(at, `${viewNames[i]} reads ${name}`).toBeLessThan(i);
      }
    });
    expect(viewNames.indexOf('lms_statements')).toBeGreaterThan(viewNames.indexOf('lms_identities'));
  });

  it('runs every view statement on the engine, in order, with its origin', async () => {
    const sent: { sql: string; origin?: SqlOrigin }[] = [];
    const engine: Engine = {
      kind: 'athena',
      exec: async (sql, origin) => {
        sent.push({ sql, origin });
      },
      query: async () => [],
      close: async () => {},
    };
    expect(await registerCanonicalViews(engine)).toBe(TABLES.length);
    expect(sent).toEqual(views.map(({ sql, origin }) => ({ sql, origin })));
  });

  it('refuses a canonical file that is not a view', () => {
    expect(() => canonicalViewDdl([{ name: 'canonical/x.sql', text: '-- x\nSELECT 1' }])).toThrow(/canonical\/x\.sql must start/);
  });
});

describe('CREATE EXTERNAL TABLE for the lake tables (the definition the lake stack registers)', () => {
  const ddl = lakeTableDdl('acme-lake');
  const byName = Object.fromEntries(lakeTables().map((t, i) => [t.name, ddl[i] ?? '']));

  it('has one statement per KPI and insight table and per raw table', () => {
    expect(Object.keys(byName).sort()).toEqual(
      ['kpi_values', 'kpi_breakdowns', 'entities', ...INSIGHT_TABLES, 'kpi_same_point', ...TABLES.map((t) => `raw_${t.name}`)].sort(),
    );
  });

  it('projects the KPI tables on as_of, as Parquet under kpi/<table>/', () => {
    const values = byName.kpi_values ?? '';
    expect(values).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS `kpi_values` \(\n {2}`kpi` string,/);
    expect(values).toContain('PARTITIONED BY (\n  `as_of` string\n)');
    expect(values).toContain("LOCATION 's3://acme-lake/kpi/kpi_values/'");
    expect(values).toContain("ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'");
    expect(values).not.toMatch(/^ {2}`as_of` date/m);
    expect(tableProperties(values)).toMatchObject({
      'projection.enabled': 'true',
      'projection.as_of.type': 'date',
      'projection.as_of.format': 'yyyy-MM-dd',
      'storage.location.template': 's3://acme-lake/kpi/kpi_values/as_of=${as_of}/',
    });
  });

  it('projects the raw tables on drop, with the reserved words quoted', () => {
    const statements = byName.raw_lms_statements ?? '';
    expect(statements).toContain('PARTITIONED BY (\n  `drop` string\n)');
    expect(statements).toContain('  `timestamp` timestamp,');
    expect(statements).toContain('  `source_line` bigint\n)');
    expect(tableProperties(statements)).toMatchObject({
      'projection.drop.type': 'date',
      'storage.location.template': 's3://acme-lake/raw/lms_statements/drop=${drop}/',
    });
  });

  it.each(lakeTables().map((t) => [t.name, t] as const))('%s: columns and properties are exactly the Glue definition', (name, table) => {
    const input = glueTableInput(table, 'acme-lake');
    const statement = byName[name] ?? '';
    expect(tableProperties(statement)).toEqual(input.parameters);
    const columns = [...statement.matchAll(/^ {2}`(\w+)` (\w+),?$/gm)].map((m) => ({ name: m[1], type: m[2] }));
    expect(columns).toEqual([...table.columns, { name: table.partition, type: 'string' }]);
  });

  it('escapes quotes in a description the Hive way', () => {
    const input = { ...glueTableInput(lakeTables()[0]!, 'acme-lake'), description: "the org's KPIs" };
    expect(createTableDdl(input)).toContain("COMMENT 'the org\\'s KPIs'");
  });
});
