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
so after a failure run the same command again.

Options:
  --as-of DATE   the version to announce, YYYY-MM-DD (default: today, UTC)

Examples:
  scorecard notify --as-of 2026-11-26
  SCORECARD_SMTP_USER=… SCORECARD_SMTP_PASSWORD=… scorecard notify --config smtp.config.json`,
  options: {
    'as-of': { type: 'string' },
  },
  async run(values) {
    const asOf = dateOption(values['as-of'], 'as-of') ?? todayUtc();
    return withContext(values.config as string | undefined, async (ctx) => {
      const result = await notifyVersion({ ...ctx, log: ctx.log.child('notify') }, asOf);
      const where = result.transport === 'outbox' ? ` (outbox/${asOf}/ in ${ctx.store.description})` : '';
      process.stderr.write(
        `Version ${asOf}: ${result.sent.length} e-mail(s) sent${where}, ${result.alreadySent.length} already sent before.\n`,
      );
      return 0;
    });
  },
};
