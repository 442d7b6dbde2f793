import { notifyVersion } from '../notify/notify.ts';
import { dateOption, todayUtc, type Command } from './command.ts';
import { withContext } from './context.ts';

export const notifyCommand: Command = {
  name: 'notify',
  summary: 'e-mail each manager (and AE) the link to their page of a version',
  help: `Usage: scorecard notify [--as-of DATE]

E-mails every team manager the link to their team's page of the published
version DATE, with quota attainment, bookings, forecast and the two biggest
changes since the previous version; AEs and extra recipients (the org page) as
email.aeEmails and email.extraRecipients say. The transport is email.transport:
outbox (.eml files under outbox/DATE/, the default), smtp or ses.

Each person is e-mailed once per version: a re-run sends only what is missing,
so after a failure run the same command again. A send that a crashed run
started but never confirmed is reported as uncertain (exit code 1) and is not
repeated unless you pass --resend-uncertain (same Message-ID, so mail clients
that got the first copy show one).

Options:
  --as-of DATE          the version to announce, YYYY-MM-DD (default: today, UTC)
  --resend-uncertain    also send to the recipients reported as uncertain

Examples:
  scorecard notify --as-of 2026-11-26
  SCORECARD_SMTP_USER=… SCORECARD_SMTP_PASSWORD=… scorecard notify --config smtp.config.json`,
  options: {
    'as-of': { type: 'string' },
    'resend-uncertain': { type: 'boolean' },
  },
  async run(values) {
    const asOf = dateOption(values['as-of'], 'as-of') ?? todayUtc();
    return withContext(values.config as string | undefined, async (ctx) => {
      const result = await notifyVersion({ ...ctx, log: ctx.log.child('notify') }, asOf, undefined, {
        resendUncertain: values['resend-uncertain'] === true,
      });
      const where = result.transport === 'outbox' ? ` (outbox/${asOf}/ in ${ctx.store.description})` : '';
      process.stderr.write(
        `Version ${asOf}: ${result.sent.length} e-mail(s) sent${where}, ${result.alreadySent.length} already sent before.\n`,
      );
      if (result.uncertain.length > 0) {
        process.stderr.write(
          `scorecard: ${result.uncertain.length} e-mail(s) of ${asOf} are uncertain (a crashed run started them): ${result.uncertain.slice(0, 5).join(', ')}\n` +
            `  check with the recipients or the mail server, then run: scorecard notify --as-of ${asOf} --resend-uncertain\n`,
        );
        return 1;
      }
      return 0;
    });
  },
};
