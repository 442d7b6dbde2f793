import type { Engine } from '../engine/engine.ts';

/**
 * Trino functions the insight SQL uses that DuckDB spells differently,
 * defined on a DuckDB session as macros so that one text runs on both.
 * Insight tables hold lists of text (sorted, joined with `,`), and the two
 * engines share no way to join strings: Trino has no `string_agg`, DuckDB
 * no `listagg ... WITHIN GROUP`. Both have `array_agg(x ORDER BY x)`, so the
 * SQL writes `array_join(array_agg(x ORDER BY x), ',')` (Trino's own form)
 * and DuckDB gets `array_join` here. Aggregate only non-NULL values: the
 * engines treat a NULL element differently.
 *
 * @example
 * await definePortableFunctions(engine);
 * await engine.query("SELECT array_join(array_agg(x ORDER BY x), ',') AS s FROM t");
 */
export async function definePortableFunctions(engine: Engine): Promise<void> {
  await engine.exec('CREATE OR REPLACE TEMP MACRO array_join(items, separator) AS array_to_string(items, separator)');
}

