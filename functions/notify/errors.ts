import { ScorecardError } from '../errors.ts';

/** Anything that stops the notify stage; the message says what to do next. */
export class NotifyError extends ScorecardError {
  override name = 'NotifyError';
}

/** The version's KPI tables are not in the lake (compute has not run for that date). */
export class VersionNotFoundError extends NotifyError {
  override name = 'VersionNotFoundError';
}

/** An e-mail would link to a page that the published version does not have. */
export class MissingPagesError extends NotifyError {
  override name = 'MissingPagesError';

  constructor(
    readonly asOf: string,
    readonly missing: string[],
  ) {
    super(
      `version ${asOf} is missing ${missing.length} page(s) that e-mails would link to: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      `publish the version first (scorecard publish --as-of ${asOf}); nothing was sent`,
    );
  }
}

/** Some recipients could not be e-mailed; the others were, and are logged as sent. */
export class SendFailedError extends NotifyError {
  override name = 'SendFailedError';

  constructor(
    readonly asOf: string,
    readonly failed: { email: string; error: string }[],
    /** recipients left for the re-run because the transport looked down */
    readonly notTried = 0,
  ) {
    super(
      `${failed.length} e-mail(s) of version ${asOf} could not be sent: ${failed
        .slice(0, 5)
        .map((f) => `${f.email} (${f.error})`)
        .join('; ')}${failed.length > 5 ? '; …' : ''}${notTried > 0 ? `; stopped early, ${notTried} more not tried` : ''}`,
      `fix the cause and run scorecard notify --as-of ${asOf} again: people already e-mailed are not e-mailed twice`,
    );
  }
}
