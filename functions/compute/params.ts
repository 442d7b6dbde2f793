import { DEFAULT_COACHING, type CoachingConfig } from '../coaching-config.ts';
import type { Config } from '../config.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { parseAsOf } from '../as-of.ts';
import { periodCalendar, type Period } from './calendar.ts';
import { ComputeError } from './errors.ts';

/** What one KPI run depends on besides the lake: as_of and the config lists. */
export interface RunParams {
  asOf: string;
  fiscalYearStartMonth: number;
  periods: Period[];
  qualifiedLeadStatuses: string[];
  visitEventTypes: string[];
  closedStages: string[];
  /** thresholds of coaching_signals */
  coaching: CoachingConfig;
}

/**
 * The placeholder every `sql/kpis/` file carries right after its `WITH`.
 * {@link withParams} replaces it by the run's parameter relations, each
 * followed by a comma, so a file reads:
 *
 * ```sql
 * WITH /* @params *\/
 * my_cte AS (SELECT ... FROM periods ...)
 * SELECT ...
 * ```
 *
 * and may use `run_params`, `periods`, `qualified_statuses`, `visit_types`
 * and `closed_stages` (columns: see {@link paramsCte}). Being a comment, the
 * file still parses as SQL before the substitution.
 */
export const PARAMS_PLACEHOLDER = '/* @params */';

/**
 * Validates the run's inputs and derives the period calendar.
 *
 * @example
 * const params = runParams(resolveConfig({}), '2026-06-30');
 * params.periods.length; // 16
 */
export function runParams(
  config: Pick<Config, 'fiscalYearStartMonth' | 'qualifiedLeadStatuses' | 'visitEventTypes' | 'closedStages'> &
    Partial<Pick<Config, 'coaching'>>,
  asOf: string,
): RunParams {
  return {
    asOf: parseAsOf(asOf),
    fiscalYearStartMonth: config.fiscalYearStartMonth,
    periods: periodCalendar(asOf, config.fiscalYearStartMonth),
    qualifiedLeadStatuses: checkList(config.qualifiedLeadStatuses, 'qualifiedLeadStatuses'),
    visitEventTypes: checkList(config.visitEventTypes, 'visitEventTypes'),
    closedStages: checkList(config.closedStages, 'closedStages'),
    coaching: config.coaching ?? DEFAULT_COACHING,
  };
}

function checkList(values: unknown, key: string): string[] {
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) {
    throw new ComputeError(`${key} must be a list of strings`, `fix ${key} in scorecard.config.json`);
  }
  return [...new Set(values)];
}

const date = (value: string): string => `DATE ${quoteLiteral(parseAsOf(value))}`;
const bool = (value: boolean): string => (value ? 'TRUE' : 'FALSE');

function double(value: number): string {
  if (!Number.isFinite(value)) throw new ComputeError(`a run parameter must be a finite number, not ${value}`);
  return `CAST(${String(value)} AS DOUBLE)`;
}

/** camelCase config key → snake_case column: hygieneSharePct → hygiene_share_pct */
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `SELECT * FROM (VALUES ...) AS t (columns)`, the form both Trino and DuckDB (and the dialect check's parser) read. */
function values(columns: string[], rows: string[][]): string {
  return `SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t (${columns.join(', ')})`;
}

/** A one-column relation of strings; an empty list is an empty relation (VALUES cannot be empty). */
function stringList(column: string, list: string[]): string {
  if (list.length === 0) return `SELECT CAST(NULL AS VARCHAR) AS ${column} FROM (VALUES (0)) AS t (x) WHERE 1 = 0`;
  return values([column], list.map((v) => [quoteLiteral(v)]));
}

/**
 * The run parameters as CTE definitions (each followed by a comma):
 *
 * - `run_params (as_of DATE, fiscal_year_start_month INTEGER)`: one row;
 * - `periods (period_type, period_start, period_end, full_end, eve,
 *   prev_start, prev_end, is_complete, has_ended)`: see {@link Period};
 * - `qualified_statuses (lead_status)`, `visit_types (event_type)`, `closed_stages (stage_name)`;
 * - `coaching_thresholds`: one row, a DOUBLE column per key of `coaching`
 *   in snake_case (`behind_pace_points`, `win_rate_min_closed`, ...).
 *
 * @example
 * paramsCte(params); // "run_params AS (SELECT * FROM (VALUES (DATE '2026-06-30', 1)) AS t (...)),\nperiods AS (...), ..."
 */
export function paramsCte(params: RunParams): string {
  const fiscal = params.fiscalYearStartMonth;
  if (!Number.isInteger(fiscal)) throw new ComputeError(`fiscal year start month must be a whole number`);
  const relations: [string, string][] = [
    ['run_params', values(['as_of', 'fiscal_year_start_month'], [[date(params.asOf), String(fiscal)]])],
    [
      'periods',
      values(
        ['period_type', 'period_start', 'period_end', 'full_end', 'eve', 'prev_start', 'prev_end', 'is_complete', 'has_ended'],
        params.periods.map((p) => [
          quoteLiteral(p.type),
          date(p.start),
          date(p.end),
          date(p.fullEnd),
          date(p.eve),
          date(p.prevStart),
          date(p.prevEnd),
          bool(p.isComplete),
          bool(p.hasEnded),
        ]),
      ),
    ],
    ['qualified_statuses', stringList('lead_status', params.qualifiedLeadStatuses)],
    ['visit_types', stringList('event_type', params.visitEventTypes)],
    ['closed_stages', stringList('stage_name', params.closedStages)],
    [
      'coaching_thresholds',
      values(Object.keys(params.coaching).map(snake), [Object.values(params.coaching).map(double)]),
    ],
  ];
  // one line, so that the lines of a file keep their numbers in engine errors
  return relations.map(([name, sql]) => `${name} AS (${sql}), `).join('');
}

/**
 * A `sql/kpis/` file with its placeholder replaced by the run parameters (a
 * file without the placeholder does not use them and is returned as is).
 *
 * @example
 * withParams('WITH /* @params *\/ x AS (SELECT as_of FROM run_params) SELECT * FROM x', params);
 */
export function withParams(sql: string, params: RunParams, file = 'SQL'): string {
  const at = sql.indexOf(PARAMS_PLACEHOLDER);
  if (at < 0) return sql;
  if (sql.indexOf(PARAMS_PLACEHOLDER, at + 1) >= 0) {
    throw new ComputeError(`${file} holds the placeholder ${PARAMS_PLACEHOLDER} more than once`);
  }
  return sql.slice(0, at) + paramsCte(params) + sql.slice(at + PARAMS_PLACEHOLDER.length);
}
