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
  /** where results go, for a workgroup that does not enforce its own result location */
  outputLocation?: string;
  /** first wait between status polls; doubles up to `pollMaxMs` */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** a query still running after this is cancelled */
  timeoutMs?: number;
  /** attempts for a throttled call */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** milliseconds since some fixed moment, for the timeout (tests pass a clock that their `sleep` moves) */
  now?: () => number;
}

/**
 * Athena refused or failed a query; the message says where in which file.
 * `retryable` is Athena's own verdict (`AthenaError.Retryable`): a transient
 * service fault, not a mistake in the SQL.
 */
export class AthenaQueryError extends ScorecardError {
  override name = 'AthenaQueryError';

  constructor(
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
  }
}

/** A query ran past the engine's time limit and was cancelled. */
export class AthenaTimeoutError extends ScorecardError {
  override name = 'AthenaTimeoutError';
}

/** A statement longer than Athena accepts; raised before anything is sent. */
export class AthenaLimitError extends ScorecardError {
  override name = 'AthenaLimitError';
}

/** Athena's limit on one query string: 262,144 bytes of UTF-8 (Service Quotas "query string length"). */
export const ATHENA_MAX_QUERY_BYTES = 262_144;

/** One file's text inside a statement composed of several files (see {@link ComposedSqlOrigin}). */
export interface SqlPart {
  /** path under `sql/` */
  file: string;
  /** the statement's line that holds the file's line 1 */
  firstLine: number;
  /** how many of the file's lines the statement holds */
  lines: number;
}

/**
 * The origin of a statement made of several files, such as a KPI family
 * with every building block as a CTE: an error's line is traced to the
 * file that holds it. `file` names the statement as a whole.
 */
export interface ComposedSqlOrigin extends SqlOrigin {
  parts: SqlPart[];
}

function isComposed(origin: SqlOrigin): origin is ComposedSqlOrigin {
  return Array.isArray((origin as Partial<ComposedSqlOrigin>).parts);
}

/** The file and line of a statement line (`undefined`: a generated line, such as the parameters). */
function partAt(origin: SqlOrigin, line: number): { file: string; line: number } | undefined {
  if (!isComposed(origin)) return { file: origin.file, line: line - origin.lineOffset };
  const part = origin.parts.find((p) => line >= p.firstLine && line < p.firstLine + p.lines);
  return part && { file: part.file, line: line - part.firstLine + 1 };
}

/**
 * `line 12:5: Column 'x' cannot be resolved` → `kpis/01_revenue.sql line 7, column 5: …`.
 *
 * @example
 * locateAthenaError("line 14:7: Column 'amout' cannot be resolved", { file: 'kpis/01_revenue.sql', lineOffset: 10 });
 * // "kpis/01_revenue.sql line 4, column 7: Column 'amout' cannot be resolved"
 */
export function locateAthenaError(message: string, origin?: SqlOrigin): string {
  if (!origin) return message;
  const match = /^line (\d+):(\d+): (.*)$/s.exec(message);
  if (!match) return `${origin.file}: ${message}`;
  const line = Number(match[1]);
  const at = partAt(origin, line);
  if (!at) return `${origin.file} (generated line ${line} of the statement), column ${match[2]}: ${match[3]}`;
  const within = at.file === origin.file ? '' : ` (in the statement of ${origin.file})`;
  return `${at.file} line ${at.line}, column ${match[2]}${within}: ${match[3]}`;
}

/**
 * Fails before sending a statement Athena would refuse for its length.
 *
 * @example
 * checkQueryLength(sql, { file: 'kpis/03_pipeline.sql', lineOffset: 0 }); // throws AthenaLimitError past 262,144 bytes
 */
export function checkQueryLength(sql: string, origin?: SqlOrigin): void {
  const bytes = Buffer.byteLength(sql, 'utf8');
  if (bytes <= ATHENA_MAX_QUERY_BYTES) return;
  throw new AthenaLimitError(
    `the statement${origin ? ` of ${origin.file}` : ''} is ${bytes.toLocaleString('en')} bytes, ` +
      `more than Athena's ${ATHENA_MAX_QUERY_BYTES.toLocaleString('en')}`,
    'shorten the config lists that become inline VALUES, or split the family file in sql/kpis/',
  );
}

const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'ThrottledException']);
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : '';
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
  private readonly now: () => number;

  constructor(
    private readonly client: AthenaClient,
    private readonly options: AthenaOptions,
  ) {
    this.sleep = options.sleep ?? wait;
    this.now = options.now ?? Date.now;
  }

  /** Retries a call that Athena throttled, with exponential backoff. */
  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!THROTTLED.has(errorName(error)) || attempt >= attempts) throw error;
        await this.sleep(Math.min(200 * 2 ** attempt, 10_000));
      }
    }
  }

  /** Runs `sql` to completion and returns its execution id. */
  private async execute(sql: string, origin?: SqlOrigin): Promise<string> {
    checkQueryLength(sql, origin);
    const { workgroup, database, catalog, outputLocation } = this.options;
    const started = await this.withRetry(() =>
      this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: workgroup,
          QueryExecutionContext: { Database: database, Catalog: catalog ?? 'AwsDataCatalog' },
          ...(outputLocation ? { ResultConfiguration: { OutputLocation: outputLocation } } : {}),
        }),
      ),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new AthenaQueryError('Athena started no query (no QueryExecutionId)');

    const timeout = this.options.timeoutMs ?? 15 * 60_000;
    const startedAt = this.now();
    let delay = this.options.pollInitialMs ?? 250;
    for (;;) {
      const { QueryExecution } = await this.withRetry(() =>
        this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
      );
      const status = QueryExecution?.Status;
      const state = status?.State;
      if (state === 'SUCCEEDED') return id;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage ?? state;
        throw new AthenaQueryError(
          `Athena query ${id} ${state.toLowerCase()}: ${locateAthenaError(reason, origin)}`,
          status?.AthenaError?.Retryable ?? false,
        );
      }
      if (this.now() - startedAt >= timeout) {
        await this.withRetry(() => this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })));
        throw new AthenaTimeoutError(
          `Athena query ${id}${origin ? ` (${origin.file})` : ''} ran longer than ${Math.round(timeout / 1000)} s and was cancelled`,
          'raise the timeout, or the workgroup limits, if the data has grown',
        );
      }
      await this.sleep(delay);
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
