import { createInterface } from 'node:readline';
import { analystQuery, openAnalystLake } from '../compute/analyst-lake.ts';
import { formatRows, isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from '../compute/analyst-format.ts';
import type { DuckDbEngine } from '../engine/duckdb.ts';
import { isScorecardError, UsageError } from '../errors.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';

const SHELL_HELP = `Statements end with ";" and may span lines. Commands:
  .tables           list the tables and views
  .format FORMAT    print results as table, csv or json
  .help             this text
  .quit             leave (or Ctrl-D)
`;

/**
 * The interactive shell: reads statements (several lines each, up to a line
 * ending with ";") and prints each result; a failing statement prints its
 * error and the shell goes on.
 *
 * @example
 * await sqlShell(engine, process.stdin, process.stdout, 'table');
 */
export async function sqlShell(
  engine: DuckDbEngine,
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
  initialFormat: OutputFormat,
): Promise<void> {
  let format = initialFormat;
  const interactive = Boolean(input.isTTY);
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = (more: boolean) => {
    if (interactive) output.write(more ? '     ...> ' : 'scorecard> ');
  };
  if (interactive) output.write(`DuckDB over the lake. ${SHELL_HELP}`);
  let pending = '';
  prompt(false);
  for await (const line of lines) {
    const trimmed = line.trim();
    if (pending === '' && trimmed.startsWith('.')) {
      const [command, argument] = trimmed.split(/\s+/);
      if (command === '.quit' || command === '.exit') break;
      if (command === '.help') output.write(SHELL_HELP);
      else if (command === '.format' && isOutputFormat(argument)) format = argument;
      else if (command === '.tables') {
        const { columns, rows } = await analystQuery(
          engine,
          'SELECT table_name AS name, table_type AS type FROM information_schema.tables ORDER BY table_name',
        );
        output.write(formatRows(columns, rows, format));
      } else output.write(`unknown command ${trimmed}; .help lists them\n`);
      prompt(false);
      continue;
    }
    pending += (pending ? '\n' : '') + line;
    if (!trimmed.endsWith(';')) {
      prompt(pending.trim() !== '');
      if (pending.trim() === '') pending = '';
      continue;
    }
    const statement = pending;
    pending = '';
    try {
      const { columns, rows } = await analystQuery(engine, statement);
      output.write(formatRows(columns, rows, format));
    } catch (error) {
      if (!isScorecardError(error)) throw error;
      output.write(`error: ${error.message}\n`);
    }
    prompt(false);
  }
  lines.close();
}

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'query the lake and the KPI tables with SQL (one query, or a shell)',
  help: `Usage: scorecard sql ["QUERY"] [--format table|csv|json]

Runs DuckDB over the lake. The KPI tables of every computed version are the
views kpi_values, kpi_breakdowns and entities (filter on as_of); the current
state of the exports are the canonical tables opportunities, accounts, users,
leads, tasks, events, cases, contracts, forecasting_quotas, csat_responses,
coaching_feedback, lms_statements, ... (the same names analysts use on
Athena). With a QUERY, prints its result and exits; without one, starts an
interactive shell (statements end with ";"; .help inside). Saved example
queries are in sql/analyst/.

Options:
  --format F   table (default), csv or json; results go to stdout

Examples:
  scorecard sql "SELECT entity_id, value FROM kpi_values WHERE as_of = DATE '2026-11-26' AND kpi = 'bookings' AND level = 'team' AND period_type = 'quarter'"
  scorecard sql --format csv "SELECT * FROM entities" > entities.csv
  scorecard sql < sql/analyst/01_org_bookings_trend.sql
  scorecard sql`,
  options: {
    format: { type: 'string' },
  },
  async run(values, positionals) {
    const format = values.format ?? 'table';
    if (!isOutputFormat(format)) {
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${String(format)}"`);
    }
    if (positionals.length > 1) {
      throw new UsageError('give the query as one argument, in quotes', 'scorecard sql "SELECT ..."');
    }
    const [query] = positionals;
    return withContext(values.config as string | undefined, async (ctx) => {
      const engine = await openAnalystLake(ctx);
      try {
        if (query === undefined) {
          await sqlShell(engine, process.stdin, process.stdout, format);
        } else {
          const { columns, rows } = await analystQuery(engine, query);
          process.stdout.write(formatRows(columns, rows, format));
        }
        return 0;
      } finally {
        await engine.close();
      }
    });
  },
};
