import sqlParser from 'node-sql-parser';

const parser = new sqlParser.Parser();

/** The SQL with comments blanked, and a copy with string literals blanked too (so `'a::b'` is no cast). */
export function stripSql(sql: string): { code: string; codeWithoutStrings: string } {
  let code = '';
  let bare = '';
  let i = 0;
  while (i < sql.length) {
    const two = sql.slice(i, i + 2);
    if (two === '--') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      code += ' '.repeat(stop - i);
      bare += ' '.repeat(stop - i);
      i = stop;
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      const blank = sql.slice(i, stop).replace(/[^\n]/g, ' ');
      code += blank;
      bare += blank;
      i = stop;
    } else if (sql[i] === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      const literal = sql.slice(i, j + 1);
      code += literal;
      bare += `'${' '.repeat(Math.max(literal.length - 2, 0))}'`;
      i = j + 1;
    } else {
      code += sql[i];
      bare += sql[i];
      i += 1;
    }
  }
  return { code, codeWithoutStrings: bare };
}

/**
 * the design (README) "SQL that runs on both engines": what DuckDB accepts and Trino
 * (Athena engine 3) does not, or where the two disagree, plus anything that
 * reads the clock (the KPIs must depend only on the drops and as_of).
 * Checked on the SQL without comments and string literals, except where the
 * literal is the point (date_diff's unit, INTERVAL's form).
 */
const FORBIDDEN: { name: string; pattern: RegExp; inStrings?: boolean }[] = [
  { name: ':: cast (use CAST(x AS type))', pattern: /::/ },
  { name: 'QUALIFY', pattern: /\bQUALIFY\b/i },
  { name: 'ASOF JOIN', pattern: /\bASOF\b/i },
  { name: 'GROUP BY ALL / ORDER BY ALL', pattern: /\b(GROUP|ORDER)\s+BY\s+ALL\b/i },
  { name: 'SELECT * EXCLUDE / REPLACE / RENAME, COLUMNS(...)', pattern: /\*\s*(EXCLUDE|REPLACE|RENAME)\b|\bCOLUMNS\s*\(/i },
  // array_agg only as Trino's list join, array_join(array_agg(x ORDER BY x), ','): DuckDB gets array_join as a macro
  // (functions/compute/portable-sql.ts)
  {
    name: 'list or struct functions',
    pattern: /\b(list|struct|map)_[a-z_]+\s*\(|\b(list|struct_pack|list_value)\s*\(|(?<!\barray_join\s*\(\s*)\barray_agg\s*\(/i,
  },
  { name: 'list or struct literals and indexing', pattern: /[[\]{}]/ },
  { name: 'median / quantile / mode', pattern: /\b(median|quantile\w*|mode)\s*\(/i },
  { name: 'date_add and other DuckDB date functions', pattern: /\b(date_add|date_sub|datediff|datesub|dateadd|datepart|strftime|strptime|epoch\w*)\s*\(/i },
  { name: "date_diff other than date_diff('day', a, b)", pattern: /\bdate_diff\s*\(\s*(?!'day'\s*,)/i, inStrings: true },
  { name: "INTERVAL other than INTERVAL 'n' UNIT", pattern: /\bINTERVAL\s+(?!'\d+'\s+(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)\b)/i, inStrings: true },
  { name: 'DuckDB-only functions', pattern: /\b(arg_max|arg_min|count_if|string_agg|isfinite|isnan|ifnull|regexp_matches|printf|list_aggregate|any_value)\s*\(/i },
  { name: 'DuckDB file readers', pattern: /\b(read_parquet|read_csv\w*|read_json\w*|parquet_scan)\s*\(/i },
  { name: 'ILIKE / SIMILAR TO / integer division //', pattern: /\bILIKE\b|\bSIMILAR\s+TO\b|\/\// },
  { name: 'DISTINCT ON', pattern: /\bDISTINCT\s+ON\b/i },
  { name: 'PIVOT / UNPIVOT / SAMPLE', pattern: /\b(PIVOT|UNPIVOT|SAMPLE)\b/i },
  {
    name: 'reading the clock (current_date, now(), ...)',
    pattern: /\b(current_date|current_timestamp|current_time|localtimestamp|localtime|now|today|get_current_timestamp)\b/i,
  },
];

/** The forbidden constructs `sql` uses, by name (empty when it is portable). */
export function forbiddenConstructs(sql: string): string[] {
  const { code, codeWithoutStrings } = stripSql(sql);
  return FORBIDDEN.filter((f) => f.pattern.test(f.inStrings ? code : codeWithoutStrings)).map((f) => f.name);
}

const CREATE_VIEW = /^\s*CREATE\s+(OR\s+REPLACE\s+)?VIEW\s+[\w."]+\s+AS\s+/i;

/**
 * Parses `sql` as Trino with node-sql-parser and returns the statement
 * types. node-sql-parser 5 cannot parse `CREATE VIEW ... AS <query with
 * UNION>` (valid Trino): such a view is parsed as its query alone.
 *
 * @example
 * parseTrino('SELECT 1'); // ['select']
 */
export function parseTrino(sql: string): string[] {
  const { code } = stripSql(sql);
  const types = (text: string) => {
    const ast = parser.astify(text, { database: 'trino' });
    return (Array.isArray(ast) ? ast : [ast]).map((statement) => statement.type);
  };
  try {
    return types(code);
  } catch (error) {
    const view = CREATE_VIEW.exec(code);
    if (!view) throw error;
    types(code.slice(view[0].length));
    return ['create'];
  }
}
