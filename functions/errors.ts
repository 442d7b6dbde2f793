/**
 * Errors that a person caused and can fix: the CLI prints `message` and
 * `hint` without a stack trace. Everything else is a bug and keeps its stack.
 */
export class ScorecardError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ScorecardError';
  }
}

/** A command line that cannot be run as typed (exit code 2). */
export class UsageError extends ScorecardError {
  override name = 'UsageError';
}

/** `scorecard.config.json` is missing a value or holds a wrong one. */
export class ConfigError extends ScorecardError {
  override name = 'ConfigError';
}

export function isScorecardError(error: unknown): error is ScorecardError {
  return error instanceof ScorecardError;
}
