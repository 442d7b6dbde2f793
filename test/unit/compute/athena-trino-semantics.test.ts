import { describe, expect, it } from 'vitest';
import { readSqlFolder } from '../../../functions/engine/sql-files.ts';
import { stripSql } from '../sql/dialect-check.ts';

// Where DuckDB and Trino parse the same SQL but compute differently (checked
// on DuckDB 1.5 and in Trino's sources); the dialect check covers what
// Trino cannot parse at all.
const files = [...(await readSqlFolder('canonical')), ...(await readSqlFolder('kpis'))];
const code = (text: string) => stripSql(text).codeWithoutStrings;

/** The comma-separated items of every ORDER BY, in windows and queries alike. */
function orderItems(sql: string): string[] {
  const items: string[] = [];
  for (const match of sql.matchAll(/\bORDER\s+BY\b/gi)) {
    let depth = 0;
    let item = '';
    for (const ch of sql.slice((match.index ?? 0) + match[0].length)) {
      if (ch === '(') depth++;
      if (ch === ')' && depth-- === 0) break;
      if (ch === ',' && depth === 0) {
        items.push(item.trim());
        item = '';
        continue;
      }
      item += ch;
    }
    items.push(item.trim().split(/\n\s*\n|\bLIMIT\b/i)[0] ?? '');
  }
  return items;
}

// columns no row lacks: record keys (empty ones are quarantined) and what ingest adds
const NEVER_NULL = /^(\w+\.)?(id|drop_id|source_line)$/;

describe('the SQL means the same on DuckDB and Trino', () => {
  it.each(files.map((f) => [f.name, f.text] as const))('%s: a DESC ordering of a column that can be NULL says where NULLs go', (_, text) => {
    // both engines put NULLs last by default, but DuckDB's default is a setting (default_null_order)
    const loose = orderItems(code(text)).filter((item) => /\bDESC$/i.test(item) && !NEVER_NULL.test(item.replace(/\s+DESC$/i, '')));
    expect(loose).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.text] as const))('%s: a cast to an integer type rounds explicitly', (_, text) => {
    // CAST(2.5 AS INTEGER) is 2 on DuckDB (half to even) and 3 on Trino (half away from zero)
    const casts = [...code(text).matchAll(/\bCAST\s*\(((?:[^()]|\([^()]*\))*)\s+AS\s+(TINYINT|SMALLINT|INTEGER|INT|BIGINT)\s*\)/gi)];
    const bare = casts.map((m) => m[1]?.trim() ?? '').filter((expr) => !/^(round|floor|ceil|ceiling|count)\s*\(/i.test(expr));
    expect(bare).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.text] as const))('%s: divides only where an operand is a DOUBLE or a decimal literal', (_, text) => {
    // Trino's 1 / 2 is 0; a division whose both sides are plain integer literals or counts is the risk
    const risky = [...code(text).matchAll(/\b(\d+|COUNT\s*\([^)]*\))\s*\/\s*(\d+|COUNT\s*\([^)]*\))/gi)].map((m) => m[0]);
    expect(risky).toEqual([]);
  });

  it('the checks find what they look for', () => {
    expect(orderItems('SELECT row_number() OVER (PARTITION BY a ORDER BY t DESC, id DESC) FROM x ORDER BY b')).toEqual([
      't DESC',
      'id DESC',
      'b',
    ]);
    expect(orderItems(code("SELECT 1 FROM x ORDER BY s.system_modstamp DESC NULLS LAST, s.id DESC")).filter((i) => /DESC$/.test(i))).toEqual([
      's.id DESC',
    ]);
    const casts = [...code('SELECT CAST(x AS INTEGER), CAST(round(y) AS INTEGER), CAST(COUNT(*) AS BIGINT)').matchAll(
      /\bCAST\s*\(((?:[^()]|\([^()]*\))*)\s+AS\s+(INTEGER|BIGINT)\s*\)/gi,
    )].map((m) => m[1]);
    expect(casts).toEqual(['x', 'round(y)', 'COUNT(*)']);
  });
});
