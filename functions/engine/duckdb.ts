import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ScorecardError } from '../errors.ts';
import { localDuckDbDefaults } from './duckdb-defaults.ts';
import type { Engine, SqlOrigin } from './engine.ts';

export interface DuckDbOptions {
  /** e.g. `4GB`; by default the config's `duckdbMemoryLimit` or a share of the machine (duckdb-defaults.ts) */
  memoryLimit?: string;
  /** where DuckDB spills; in Lambda this must be under /tmp */
  tempDirectory?: string;
  threads?: number;
  /** most disk DuckDB may spill to (default 20GB; DuckDB's own is 90 % of the free disk) */
  maxTempDirectorySize?: string;
}

/** DuckDB in-process: the embedded default engine. */
export class DuckDbEngine implements Engine {
  readonly kind = 'duckdb';

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * @example
   * const engine = await DuckDbEngine.open();
   * const [row] = await engine.query<{ n: number }>('SELECT 1 AS n');
   */
  static async open(given: DuckDbOptions = {}): Promise<DuckDbEngine> {
    // locally a capped memory limit and spill files in the temp folder (duckdb-defaults.ts); in Lambda the stage
    // context carries the settings the stacks put in the environment, and a caller's own win
    const options = { ...localDuckDbDefaults(), ...given };
    const settings: Record<string, string> = {};
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
    if (options.threads) settings.threads = String(options.threads);
    // a runaway join must fail with a message, not fill the disk
    settings.max_temp_directory_size = options.maxTempDirectorySize ?? '20GB';
    const instance = await DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    // results must not depend on the machine's time zone
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(instance, connection);
  }

  async exec(sql: string, origin?: SqlOrigin): Promise<void> {
    try {
      await this.connection.run(sql);
    } catch (error) {
      throw located(error, origin);
    }
  }

  async query<T = Record<string, unknown>>(sql: string, origin?: SqlOrigin): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as T[];
    } catch (error) {
      throw located(error, origin);
    }
  }

  /**
   * Like query, but column by column (`{ column: values[] }`): for large
   * results of numbers, far cheaper than an object per row.
   */
  async queryColumns<T extends Record<string, unknown>>(sql: string, origin?: SqlOrigin): Promise<{ [K in keyof T]: T[K][] }> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      return reader.getColumnsObjectJson() as { [K in keyof T]: T[K][] };
    } catch (error) {
      throw located(error, origin);
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** A SQL error from one of the files in `sql/`, named by file. */
export class SqlFileError extends ScorecardError {
  override name = 'SqlFileError';
}

function located(error: unknown, origin: SqlOrigin | undefined): unknown {
  if (!origin) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SqlFileError(`${origin.file}: ${message}`, undefined, { cause: error });
}
