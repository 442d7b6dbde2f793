import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insightSteps } from '../../../functions/compute/athena/insight-steps.ts';
import { readInsightSql } from '../../../functions/compute/insights.ts';
import { readKpiSql } from '../../../functions/compute/kpi-sql.ts';
import { PARAMS_PLACEHOLDER, runParams, withParams } from '../../../functions/compute/params.ts';
import { familyQuery } from '../../../functions/compute/single-query.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { SQL_DIR } from '../../../functions/engine/sql-files.ts';
import { forbiddenConstructs, parseTrino } from './dialect-check.ts';

const files = (await readdir(SQL_DIR, { recursive: true }))
  .filter((name) => name.endsWith('.sql'))
  .map((name) => relative(SQL_DIR, join(SQL_DIR, name)).split('\\').join('/'))
  .sort();
const texts = Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(join(SQL_DIR, f), 'utf8')])));
const kpiSql = await readKpiSql();
// a leap-day run with a non-calendar fiscal year and a quote in a config value exercises every parameter form
const params = runParams(
  resolveConfig({ fiscalYearStartMonth: 2, qualifiedLeadStatuses: ["Sales-ready", "Rep's pick"], visitEventTypes: [] }),
  '2024-02-29',
);

describe('every file in sql/ is in the SQL subset DuckDB and Trino (Athena) share', () => {
  it('finds the SQL files', () => {
    expect(files.filter((f) => f.startsWith('kpis/')).length).toBeGreaterThanOrEqual(12);
    expect(files.some((f) => f.startsWith('canonical/'))).toBe(true);
    expect(files.some((f) => f.startsWith('analyst/'))).toBe(true);
  });

  it.each(files)('%s parses as Trino SQL', (file) => {
    const text = texts[file] ?? '';
    const types = parseTrino(text);
    if (file.startsWith('canonical/')) expect(types).toEqual(['create']);
    else expect(types).toEqual(['select']);
    // the placeholder is a comment: the file parses before and after the run parameters go in
    if (text.includes(PARAMS_PLACEHOLDER)) expect(parseTrino(withParams(text, params, file))).toEqual(['select']);
  });

  it.each(files)('%s uses none of the DuckDB-only constructs of the design (README)', (file) => {
    expect(forbiddenConstructs(withParams(texts[file] ?? '', params, file))).toEqual([]);
  });
});

describe('each family as one query (the form for Athena)', () => {
  it.each(kpiSql.families.map((f) => [f.name, f]))('%s parses as one Trino query', (_, family) => {
    expect(parseTrino(familyQuery(kpiSql, family, params))).toEqual(['select']);
  });
});

const steps = insightSteps(kpiSql, await readInsightSql(), params, 'acme-lake');

describe('the insight SQL as Athena runs it (functions/compute/athena/insight-steps.ts)', () => {
  it('stages every insight block and the tables that do not read the KPI output tables', () => {
    expect(steps.map((s) => s.name)).toEqual(expect.arrayContaining(['deal_book', 'deals', 'pipeline_movement']));
    expect(steps.map((s) => s.name)).not.toContain('forecast_calls');
  });
  it.each(steps.map((s) => [s.file, s]))('%s parses as one Trino query', (_, step) => {
    expect(parseTrino(step.query)).toEqual(['select']);
    expect(forbiddenConstructs(step.query)).toEqual([]);
  });
});

describe('the dialect check itself', () => {
  it.each([
    ['SELECT CAST(a AS DOUBLE) / NULLIF(b, 0) FROM t', []],
    ["SELECT date_diff('day', CAST(a AS DATE), b) FROM t -- a::b in a comment", []],
    ["SELECT CAST(d + INTERVAL '1' MONTH AS DATE), 'x::y', 'QUALIFY' FROM t", []],
    ['SELECT a::DOUBLE FROM t', [':: cast (use CAST(x AS type))']],
    ['SELECT a FROM t QUALIFY row_number() OVER () = 1', ['QUALIFY']],
    ['SELECT * FROM t ASOF JOIN u ON t.d >= u.d', ['ASOF JOIN']],
    ['SELECT a, count(*) FROM t GROUP BY ALL', ['GROUP BY ALL / ORDER BY ALL']],
    ['SELECT * EXCLUDE (a) FROM t', ['SELECT * EXCLUDE / REPLACE / RENAME, COLUMNS(...)']],
    ['SELECT list_value(1, 2)', ['list or struct functions']],
    ["SELECT array_join(array_agg(x ORDER BY x), ',') FROM t", []],
    ['SELECT array_agg(x) FROM t', ['list or struct functions']],
    ['SELECT [1, 2][1]', ['list or struct literals and indexing']],
    ['SELECT median(a) FROM t', ['median / quantile / mode']],
    ["SELECT date_add(d, INTERVAL '1' DAY) FROM t", ['date_add and other DuckDB date functions']],
    ["SELECT date_diff('month', a, b) FROM t", ["date_diff other than date_diff('day', a, b)"]],
    ['SELECT d + INTERVAL 1 MONTH FROM t', ["INTERVAL other than INTERVAL 'n' UNIT"]],
    ['SELECT arg_max(a, b) FROM t', ['DuckDB-only functions']],
    ["SELECT * FROM read_parquet('x.parquet')", ['DuckDB file readers']],
    ['SELECT a FROM t WHERE current_date > d', ['reading the clock (current_date, now(), ...)']],
  ])('%s → %j', (sql, expected) => {
    expect(forbiddenConstructs(sql)).toEqual(expected);
  });

  it('rejects SQL that is not Trino', () => {
    expect(() => parseTrino('SELECT FROM WHERE')).toThrow();
    expect(() => parseTrino('SELEKT 1')).toThrow();
  });

  it('parses a view over a UNION, which node-sql-parser only reads without CREATE VIEW', () => {
    expect(parseTrino('CREATE OR REPLACE VIEW v AS SELECT 1 AS x UNION ALL SELECT 2 AS x')).toEqual(['create']);
  });
});
