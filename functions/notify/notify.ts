import { applyMailAccess } from './mail-access.ts';
import type { TransportKind } from '../config.ts';
import type { StageContext } from '../context.ts';
import { MissingPagesError, SendFailedError } from './errors.ts';
import { composeMessage } from './message.ts';
import { bareAddress, buildMime, stableMessageId } from './mime.ts';
import { missingPages } from './pages.ts';
import { planRecipients, type Recipient, type Skipped } from './recipients.ts';
import { recordSent, sentTo } from './send-log.ts';
import { readingsByEntity, summarise } from './summary.ts';
import { entityKey } from '../lake/entity.ts';
import { intentKey, intentsOf, recordIntent } from './intents.ts';
import { crashPoint } from '../run/crash-point.ts';
import { holderName, notifyLease } from '../run/guard.ts';
import { withLease, type Lease } from '../run/lease.ts';
import { openTransport } from './transports/open.ts';
import type { MailTransport } from './transports/transport.ts';
import { readVersionData, type VersionData } from './version-data.ts';
import { parseAsOf } from '../as-of.ts';

/** Failures in a row after which the transport is taken to be down and the run stops early. */
const MAX_FAILURES_IN_A_ROW = 3;

export interface NotifyResult {
  asOf: string;
  /** the version the changes are measured against */
  previousAsOf: string | undefined;
  transport: TransportKind;
  /** addresses e-mailed by this run */
  sent: string[];
  /** addresses an earlier run already e-mailed: not e-mailed again */
  alreadySent: string[];
  /** people who would get an e-mail but cannot, and why */
  skipped: Skipped[];
  /** addresses whose send an earlier run started but never confirmed: maybe e-mailed, not e-mailed again unless asked */
  uncertain: string[];
}

export interface NotifyOptions {
  /** send again to recipients whose earlier send is uncertain (same Message-ID) */
  resendUncertain?: boolean;
}

async function buildRaw(ctx: StageContext, data: VersionData, recipient: Recipient, byEntity: ReturnType<typeof readingsByEntity>) {
  const { config } = ctx;
  const message = composeMessage({
    asOf: data.asOf,
    previousAsOf: data.previousAsOf,
    recipient,
    summaries: recipient.pages.map((page) => summarise(page, byEntity.get(entityKey(page.level, page.entityId)) ?? [])),
    locale: config.locale,
    currency: config.currency,
    siteBaseUrl: config.siteBaseUrl,
  });
  const messageId = stableMessageId(data.asOf, recipient.email, config.email.from);
  const raw = await buildMime({
    from: config.email.from,
    to: { name: recipient.name, address: recipient.email },
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId,
  });
  return { messageId, raw };
}

/**
 * Sends each recipient the link to their page of version asOf, exactly once
 * per (version, recipient); resumes after a failure.
 *
 * Recipients come from the version's `entities` (team managers, and AEs when
 * `email.aeEmails`) plus `email.extraRecipients`, minus `email.exclude`.
 * Every linked page must be published before anything is sent. A recipient
 * in the send log is not sent again; one whose send fails is left out of the
 * log, the others still go, and the run then throws `SendFailedError`, so a
 * re-run (or a Step Functions retry) sends exactly the missing ones.
 *
 * @example
 * const result = await notifyVersion(ctx, '2026-11-26');
 * result.sent // ['lucas.martin@salesco.example', …]
 */
export async function notifyVersion(
  ctx: StageContext,
  asOf: string,
  transport?: MailTransport,
  options: NotifyOptions = {},
): Promise<NotifyResult> {
  parseAsOf(asOf);
  // two notifies of one version (a second run, a Step Functions retry overlapping) could both send: one at a time
  return withLease(ctx.store, notifyLease(asOf), holderName(), (lease) => notifyUnderLease(ctx, asOf, lease, transport, options));
}

async function notifyUnderLease(
  ctx: StageContext,
  asOf: string,
  lease: Lease,
  transport: MailTransport | undefined,
  options: NotifyOptions,
): Promise<NotifyResult> {
  const { config, store, log } = ctx;
  const data = await readVersionData(ctx, asOf);
  // only pages each recipient may open (functions/access/)
  const { recipients, skipped } = await applyMailAccess(ctx, asOf, planRecipients(data.entities, config.email, asOf));
  for (const s of skipped) log.warn(`not e-mailing ${s.who}: ${s.reason}`);
  if (recipients.length === 0) log.warn(`nobody to e-mail for version ${asOf}: no active team manager has an address, and no extra recipient is configured`);

  const missing = await missingPages(store, asOf, recipients.flatMap((r) => r.pages.map((p) => p.path)));
  if (missing.length > 0) throw new MissingPagesError(asOf, missing);

  const mailer = transport ?? openTransport(config, store);
  const result: NotifyResult = {
    asOf,
    previousAsOf: data.previousAsOf,
    transport: mailer.kind,
    sent: [],
    alreadySent: [],
    skipped,
    uncertain: [],
  };
  const failed: { email: string; error: string }[] = [];
  let failuresInARow = 0;
  let notTried = 0;
  const byEntity = readingsByEntity(data.readings);
  // read after the lease is held: an earlier run's records are all written by now
  const isSent = await sentTo(store, asOf);
  const wasStarted = await intentsOf(store, asOf);
  const from = bareAddress(config.email.from);
  try {
    for (const [index, recipient] of recipients.entries()) {
      if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
        // a server that is down would otherwise cost a timeout per recipient
        notTried = recipients.slice(index).filter((r) => !isSent(r.email)).length;
        log.warn(`${failuresInARow} sends failed in a row: stopping, ${notTried} recipient(s) not tried`);
        break;
      }
      if (isSent(recipient.email)) {
        result.alreadySent.push(recipient.email);
        continue;
      }
      if (wasStarted(recipient.email) && !options.resendUncertain) {
        log.warn(`${recipient.email}: an earlier run started this e-mail and stopped before confirming it; not sent again (--resend-uncertain sends it)`);
        result.uncertain.push(recipient.email);
        continue;
      }
      const { messageId, raw } = await buildRaw(ctx, data, recipient, byEntity);
      let receipt: string;
      try {
        await lease.check();
        await recordIntent(store, { asOf, email: recipient.email, messageId, startedAt: new Date().toISOString() });
        crashPoint('notify:intent-recorded');
        receipt = await mailer.send({ asOf, from, to: recipient.email, raw });
        crashPoint('notify:sent');
      } catch (error) {
        // one bad mailbox must not keep the others from their e-mail; the re-run retries it
        const reason = error instanceof Error ? error.message : String(error);
        // the transport said no: the message did not go, so the re-run may send it without doubt
        await store.deletePrefix(intentKey(asOf, recipient.email));
        log.warn(`could not e-mail ${recipient.email}: ${reason}`);
        failed.push({ email: recipient.email, error: reason });
        failuresInARow += 1;
        continue;
      }
      // if this write fails the run stops: sending on without a log would send twice later
      await recordSent(store, {
        asOf,
        email: recipient.email,
        pages: recipient.pages.map((p) => p.path),
        transport: mailer.kind,
        messageId,
        receipt,
        sentAt: new Date().toISOString(),
      });
      result.sent.push(recipient.email);
      crashPoint('notify:receipt-recorded');
      failuresInARow = 0;
    }
  } finally {
    if (!transport) await mailer.close();
  }

  log.info(
    `version ${asOf} via ${mailer.description}: ${result.sent.length} sent, ${result.alreadySent.length} already sent earlier, ` +
      `${failed.length} failed, ${notTried} not tried, ${skipped.length} skipped, ${result.uncertain.length} uncertain`,
  );
  if (failed.length > 0) throw new SendFailedError(asOf, failed, notTried);
  return result;
}
