import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSIGHT_TABLES } from '../../../functions/lake/insight-tables.ts';
import { TABLES } from '../../../functions/lake/raw-tables.ts';
import { glueTableInput, readAnalystQueries } from '../../../infra/constructs/analyst-catalog.ts';
import { glueColumnsOf, lakeTables } from '../../../infra/constructs/lake-tables.ts';

describe('the lake tables analysts query', () => {
  it('covers the three KPI tables, the insight tables and every canonical table’s drops', () => {
    const names = lakeTables().map((t) => t.name);
    const kpi = ['kpi_values', 'kpi_breakdowns', 'entities', ...INSIGHT_TABLES, 'kpi_same_point'];
    expect(names.slice(0, kpi.length)).toEqual(kpi);
    expect(names.slice(kpi.length)).toEqual(TABLES.map((t) => `raw_${t.name}`));
  });

  it('types the insight columns for an analyst: dates, doubles, booleans, ints; `window` unquoted', () => {
    const movement = lakeTables().find((t) => t.name === 'pipeline_movement');
    expect(movement?.columns).toEqual([
      { name: 'level', type: 'string' },
      { name: 'entity_id', type: 'string' },
      { name: 'window', type: 'string' },
      { name: 'bucket', type: 'string' },
      { name: 'amount', type: 'double' },
      { name: 'deals', type: 'int' },
    ]);
    const deals = lakeTables().find((t) => t.name === 'deals')?.columns ?? [];
    const typeOf = (name: string) => deals.find((c) => c.name === name)?.type;
    expect([typeOf('close_date'), typeOf('amount'), typeOf('stalled'), typeOf('risk_count')]).toEqual(['date', 'double', 'boolean', 'int']);
  });

  it('types raw columns as schema.ts does, plus the two columns ingest adds', () => {
    const users = lakeTables().find((t) => t.name === 'raw_users');
    expect(users?.columns).toEqual([
      ...(TABLES.find((t) => t.name === 'users')?.columns ?? []).map((c) => ({
        name: c.name,
        type: { varchar: 'string', boolean: 'boolean', double: 'double', date: 'date', timestamp: 'timestamp' }[c.type],
      })),
      { name: 'drop_id', type: 'string' },
      { name: 'source_line', type: 'bigint' },
    ]);
  });

  it('keeps the partition column out of the data columns', () => {
    for (const table of lakeTables()) expect(table.columns.map((c) => c.name)).not.toContain(table.partition);
  });

  it('projects partitions from the lake keys', () => {
    const [kpiValues] = lakeTables();
    const input = glueTableInput(kpiValues!, 'acme-lake');
    expect(input.parameters).toEqual(
      expect.objectContaining({
        'projection.as_of.range': '2020-01-01,NOW',
        'storage.location.template': 's3://acme-lake/kpi/kpi_values/as_of=${as_of}/',
      }),
    );
  });
});

describe('readAnalystQueries', () => {
  it('reads the .sql files in name order, described by their first comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'analyst-'));
    writeFileSync(join(dir, 'b.sql'), 'SELECT 2');
    writeFileSync(join(dir, 'a.sql'), '\n-- Won revenue by team\nSELECT 1');
    writeFileSync(join(dir, 'README.md'), '# not a query');

    expect(readAnalystQueries(dir)).toEqual([
      { name: 'a', description: 'Won revenue by team', sql: '\n-- Won revenue by team\nSELECT 1' },
      { name: 'b', description: 'sql/analyst/b.sql', sql: 'SELECT 2' },
    ]);
    expect(readAnalystQueries(join(dir, 'missing'))).toEqual([]);
  });
});

describe('glueColumnsOf', () => {
  it('types the KPI tables from compute’s own column list, partition left out', () => {
    expect(glueColumnsOf('as_of DATE, kpi VARCHAR,\n  value DOUBLE, is_active BOOLEAN', 'as_of')).toEqual([
      { name: 'kpi', type: 'string' },
      { name: 'value', type: 'double' },
      { name: 'is_active', type: 'boolean' },
    ]);
    expect(lakeTables().find((t) => t.name === 'entities')?.columns.map((c) => c.name)).toEqual([
      'level',
      'entity_id',
      'name',
      'email',
      'manager_id',
      'is_active',
      'team_id',
    ]);
  });

  it('refuses a type Glue would not know', () => {
    expect(() => glueColumnsOf('x HUGEINT', 'as_of')).toThrow(/no Glue type for column x HUGEINT/);
  });
});
