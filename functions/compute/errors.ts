import { ScorecardError } from '../errors.ts';

/** Anything that stops the compute stage; the message says what to do next. */
export class ComputeError extends ScorecardError {
  override name = 'ComputeError';
}

/** One SQL file of `sql/kpis/` failed on the engine, or gave rows that break the output contract. */
export class KpiQueryError extends ComputeError {
  override name = 'KpiQueryError';

  constructor(
    /** the file, relative to `sql/`, e.g. `kpis/03_pipeline.sql` */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${file}: ${message}`,
      'this is a bug in the KPI SQL, not in your data: report it with the message above',
      options,
    );
  }
}

/** An analyst's query (`scorecard sql`) that the engine refused: a mistake in the query, shown without a stack. */
export class AnalystQueryError extends ScorecardError {
  override name = 'AnalystQueryError';
}
