import { ScorecardError } from '../errors.ts';

/** Something in a drop that a person has to fix (the CLI prints it without a stack trace). */
export class IngestError extends ScorecardError {
  override name = 'IngestError';
}

/**
 * A whole file of a drop cannot be loaded (unrecognised, undecodable,
 * unparseable, a bad header). Ingest catches it per file, records the reason
 * in the report and goes on with the other files.
 */
export class FileRejectedError extends IngestError {
  override name = 'FileRejectedError';

  constructor(
    message: string,
    hint: string,
    /** physical line of the file where the problem is, when there is one */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

export function isFileRejectedError(error: unknown): error is FileRejectedError {
  return error instanceof FileRejectedError;
}
