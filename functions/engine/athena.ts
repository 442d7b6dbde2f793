import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type Row,
} from '@aws-sdk/client-athena';
import { ScorecardError } from '../errors.ts';
import type { Engine, SqlOrigin } from './engine.ts';

export interface AthenaOptions {
  workgroup: string;
  database: string;
  catalog?: string;
  /** first wait between status polls; doubles up to `pollMaxMs` */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** a query still running after this is cancelled */
  timeoutMs?: number;
  /** attempts for a throttled call */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Athena refused or failed a query; the message says where in which file. */
export class AthenaQueryError extends ScorecardError {
  override name = 'AthenaQueryError';
}

/** A query ran past the engine's time limit and was cancelled. */
export class AthenaTimeoutError extends ScorecardError {
  override name = 'AthenaTimeoutError';
}

const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'ThrottledException']);
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `line 12:5: Column 'x' cannot be resolved` → `kpis/01_revenue.sql line 7: …` */
export function locateAthenaError(message: string, origin?: SqlOrigin): string {
  if (!origin) return message;
  const match = /^line (\d+):(\d+): (.*)$/s.exec(message);
  if (!match) return `${origin.file}: ${message}`;
  const line = Number(match[1]) - origin.lineOffset;
  return `${origin.file} line ${line}, column ${match[2]}: ${match[3]}`;
}

/** Converts one Athena string cell to the JSON value DuckDB would return for that type. */
function cell(value: string | undefined, type: string | undefined): unknown {
  if (value === undefined) return null;
  switch (type) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'double':
    case 'float':
    case 'real':
    case 'decimal':
      return Number(value);
    case 'boolean':
      return value === 'true';
    default:
      return value;
  }
}

/**
 * The KPI SQL on Athena (engine 3): starts a query in the workgroup, polls
 * with backoff, pages through the results and cancels a query that runs
 * too long. Only used where the data outgrows one Lambda.
 *
 * @example
 * const engine = new AthenaEngine(new AthenaClient({}), { workgroup: 'scorecard', database: 'scorecard' });
 * const rows = await engine.query<{ n: number }>('SELECT count(*) AS n FROM kpi_values');
 */
export class AthenaEngine implements Engine {
  readonly kind = 'athena';
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: AthenaClient,
    private readonly options: AthenaOptions,
  ) {
    this.sleep = options.sleep ?? wait;
  }

  /** Retries a call that Athena throttled, with exponential backoff. */
  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const name = (error as { name?: string }).name ?? '';
        if (!THROTTLED.has(name) || attempt >= attempts) throw error;
        await this.sleep(Math.min(200 * 2 ** attempt, 10_000));
      }
    }
  }

  /** Runs `sql` to completion and returns its execution id. */
  private async execute(sql: string, origin?: SqlOrigin): Promise<string> {
    const { workgroup, database, catalog } = this.options;
    const started = await this.withRetry(() =>
      this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: workgroup,
          QueryExecutionContext: { Database: database, Catalog: catalog ?? 'AwsDataCatalog' },
        }),
      ),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new AthenaQueryError('Athena started no query (no QueryExecutionId)');

    const timeout = this.options.timeoutMs ?? 15 * 60_000;
    let delay = this.options.pollInitialMs ?? 250;
    let waited = 0;
    for (;;) {
      const { QueryExecution } = await this.withRetry(() =>
        this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
      );
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return id;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = QueryExecution?.Status?.StateChangeReason ?? QueryExecution?.Status?.AthenaError?.ErrorMessage ?? state;
        throw new AthenaQueryError(`Athena query ${id} ${state.toLowerCase()}: ${locateAthenaError(reason, origin)}`);
      }
      if (waited >= timeout) {
        await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
        throw new AthenaTimeoutError(
          `Athena query ${id}${origin ? ` (${origin.file})` : ''} ran longer than ${Math.round(timeout / 1000)} s and was cancelled`,
          'raise the timeout, or the workgroup limits, if the data has grown',
        );
      }
      await this.sleep(delay);
      waited += delay;
      delay = Math.min(delay * 2, this.options.pollMaxMs ?? 5000);
    }
  }

  async exec(sql: string, origin?: SqlOrigin): Promise<void> {
    await this.execute(sql, origin);
  }

  async query<T = Record<string, unknown>>(sql: string, origin?: SqlOrigin): Promise<T[]> {
    const id = await this.execute(sql, origin);
    const rows: T[] = [];
    let columns: ColumnInfo[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await this.withRetry(() =>
        this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token })),
      );
      if (first) columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const data: Row[] = page.ResultSet?.Rows ?? [];
      // the first row of a SELECT's first page repeats the column names
      for (const row of first ? data.slice(1) : data) {
        const record: Record<string, unknown> = {};
        columns.forEach((column, i) => {
          record[column.Name ?? `_${i}`] = cell(row.Data?.[i]?.VarCharValue, column.Type);
        });
        rows.push(record as T);
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return rows;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
