import { describe, expect, it } from 'vitest';
import { athenaAdapter } from '../../../functions/compute/athena/adapter.ts';
import { athenaSteps, STAGED_BLOCKS, stagingPrefix } from '../../../functions/compute/athena/steps.ts';
import { readKpiSql } from '../../../functions/compute/kpi-sql.ts';
import { PARAMS_PLACEHOLDER, paramsCte, runParams, withParams } from '../../../functions/compute/params.ts';
import { familyQuery } from '../../../functions/compute/single-query.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { ATHENA_MAX_QUERY_BYTES, AthenaLimitError, locateAthenaError } from '../../../functions/engine/athena.ts';
import { forbiddenConstructs, parseTrino } from '../sql/dialect-check.ts';

const sql = await readKpiSql();
// a leap day, a fiscal year from February and a quote in a config value: every parameter form
const params = runParams(
  resolveConfig({ fiscalYearStartMonth: 2, qualifiedLeadStatuses: ['Sales-ready', "Rep's pick"] }),
  '2024-02-29',
);
const steps = athenaSteps(sql, params, 'acme-lake');
const files = [...sql.blocks, ...sql.families];

describe('athenaSteps: the statements a compute run sends to Athena', () => {
  it('has one step per KPI family, then the building blocks the checks read, each unloading to its own prefix', () => {
    expect(steps.map((s) => s.file)).toEqual([
      ...sql.families.map((f) => f.name),
      ...STAGED_BLOCKS.map((b) => `kpis/${sql.blocks.find((x) => x.relation === b)?.name.slice(5)}`),
    ]);
    expect(steps.filter((s) => s.kind === 'family')).toHaveLength(11);
    expect(new Set(steps.map((s) => s.prefix)).size).toBe(steps.length);
    for (const step of steps) {
      expect(step.prefix.startsWith(stagingPrefix('2024-02-29'))).toBe(true);
      expect(athenaAdapter.unwrapUnload(step.statement)?.location).toBe(`s3://acme-lake/${step.prefix}`);
    }
    expect(steps[0]?.prefix).toBe('staging/compute/as_of=2024-02-29/01_revenue/');
  });

  it.each(sql.families.map((f) => [f.name, f] as const))(
    '%s: the query inside the UNLOAD is exactly familyQuery, the text the golden parity test runs on DuckDB',
    (name, family) => {
      const step = steps.find((s) => s.file === name);
      expect(athenaAdapter.unwrapUnload(step?.statement ?? '')?.query).toBe(familyQuery(sql, family, params));
      expect(step?.query).toBe(familyQuery(sql, family, params));
    },
  );

  it.each(steps.map((s) => [s.name, s] as const))('%s parses as one Trino query and uses no DuckDB-only construct', (_, step) => {
    expect(parseTrino(step.query)).toEqual(['select']);
    expect(forbiddenConstructs(step.query)).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f] as const))(
    '%s: each statement holds the same text of the file as the temporary-table path runs, and the same parameters',
    (_, file) => {
      // the DuckDB path runs withParams(file); the Athena statements hold the file with the parameters hoisted to the top
      const duckDbText = withParams(file.text, params, file.name);
      const withoutParams = file.text.includes(PARAMS_PLACEHOLDER) ? duckDbText.replace(paramsCte(params), '') : duckDbText;
      const embedded = withoutParams.trim().replace(/;\s*$/, '');
      const holders = steps.filter((s) => s.query.includes(embedded));
      const isBlock = file.name.startsWith('kpis/00_');
      expect(holders.length).toBe(isBlock ? steps.length : 1);
      for (const step of holders) expect(step.query.startsWith(`WITH ${paramsCte(params)}\n`)).toBe(true);
    },
  );

  it("stays far below Athena's query length limit", () => {
    const longest = Math.max(...steps.map((s) => Buffer.byteLength(s.statement)));
    expect(longest).toBeLessThan(ATHENA_MAX_QUERY_BYTES / 8);
  });

  it('fails before running anything, naming the file, when the parameters push a statement past the limit', () => {
    const huge = runParams(resolveConfig({ closedStages: Array.from({ length: 12_000 }, (_, i) => `Stage number ${i}`) }), '2024-02-29');
    expect(() => athenaSteps(sql, huge, 'acme-lake')).toThrow(AthenaLimitError);
    expect(() => athenaSteps(sql, huge, 'acme-lake')).toThrow(/the statement of kpis\/01_revenue\.sql is [\d,]+ bytes, more than Athena's 262,144/);
  });

  it.each(steps.map((s) => [s.name, s] as const))('%s: every line of the statement is traced to its file and line', (_, step) => {
    const lines = step.statement.split('\n');
    const traced = step.origin.parts.map((p) => p.file).sort();
    const expected = files.filter((f) => step.query.includes(f.text.replace(PARAMS_PLACEHOLDER, '').trim())).map((f) => f.name);
    expect(traced).toEqual(expected.sort());
    for (const part of step.origin.parts) {
      const file = files.find((f) => f.name === part.file);
      const fileLines = (file?.text ?? '').replace(PARAMS_PLACEHOLDER, '').split('\n');
      // an error on the file's last line of SQL, as Athena reports it, comes back as that line of the file
      const last = fileLines.map((l) => l.trim()).findLastIndex((l) => l !== '');
      expect(lines[part.firstLine - 1 + last]?.trim()).toBe(fileLines[last]?.trim());
      expect(locateAthenaError(`line ${part.firstLine + last}:1: boom`, step.origin)).toMatch(
        new RegExp(`^${part.file.replace(/[./]/g, '\\$&')} line ${last + 1}, column 1`),
      );
    }
    // the first line (UNLOAD) and the parameters are generated, not from a file
    expect(locateAthenaError('line 1:1: boom', step.origin)).toContain('generated line 1');
    expect(locateAthenaError('line 2:1: boom', step.origin)).toContain('generated line 2');
  });
});

describe('athenaAdapter', () => {
  it('wraps a query in UNLOAD and unwraps it again', () => {
    const statement = athenaAdapter.unload("SELECT 'it''s' AS x", "s3://acme-lake/staging/x/");
    expect(statement).toBe("UNLOAD (\nSELECT 'it''s' AS x\n) TO 's3://acme-lake/staging/x/' WITH (format = 'PARQUET', compression = 'SNAPPY')");
    expect(athenaAdapter.unwrapUnload(statement)).toEqual({ query: "SELECT 'it''s' AS x", location: 's3://acme-lake/staging/x/' });
    expect(athenaAdapter.unwrapUnload('SELECT 1')).toBeUndefined();
  });

  it.each(['acme-lake/x/', 's3://acme-lake/x', "s3://acme-lake/x'/", 's3://Acme/x/'])('refuses the UNLOAD location %j', (location) => {
    expect(() => athenaAdapter.unload('SELECT 1', location)).toThrow(/s3:\/\/bucket\/prefix\//);
  });

  it('sends DDL without its leading comments, remembering how many lines it dropped', () => {
    const ddl = athenaAdapter.ddl({ name: 'canonical/x.sql', text: '-- a view\n\n-- of x\nCREATE OR REPLACE VIEW x AS\nSELECT 1 AS y;\n' });
    expect(ddl).toEqual({ sql: 'CREATE OR REPLACE VIEW x AS\nSELECT 1 AS y', linesRemoved: 3 });
  });
});
