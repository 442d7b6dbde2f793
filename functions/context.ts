import type { Config } from './config.ts';
import type { DuckDbOptions } from './engine/duckdb.ts';
import type { Log } from './log.ts';
import type { ObjectStore } from './store/store.ts';

/** What every stage function receives: chosen once, by the CLI or a Lambda handler. */
export interface StageContext {
  config: Config;
  store: ObjectStore;
  log: Log;
  /** a local folder for staged inputs and build output; removed by the caller */
  scratch: string;
  /** DuckDB's memory and spill settings where the environment sets them (Lambda); DuckDB's defaults otherwise */
  duckdb?: DuckDbOptions;
}
