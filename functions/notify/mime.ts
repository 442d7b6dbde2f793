import { createHash } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface MimeInput {
  /** `Name <address>` or a bare address, as in config.email.from */
  from: string;
  to: { name: string | undefined; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date?: Date;
}

/** The bare address of a `Name <address>` string. */
export function bareAddress(mailbox: string): string {
  const [first] = addressparser(mailbox, { flatten: true });
  return first?.address || mailbox.trim();
}

/**
 * A Message-ID that is the same for every attempt at the same (version,
 * recipient): if a crash makes a resumed run send a message twice, mail
 * clients that drop duplicate ids show it once.
 *
 * @example
 * stableMessageId('2026-11-26', 'a@x.example', 'Scorecard <s@corp.example>') // '<2026-11-26.3f…@corp.example>'
 */
export function stableMessageId(asOf: string, recipient: string, from: string): string {
  const hash = createHash('sha256').update(`${asOf}\n${recipient.toLowerCase()}`).digest('hex').slice(0, 24);
  const domain = bareAddress(from).split('@')[1] || 'scorecard.invalid';
  return `<scorecard.${asOf}.${hash}@${domain}>`;
}

/**
 * Builds the RFC 5322 message (multipart/alternative: text, then HTML)
 * that every transport sends as is, so the outbox, SMTP and SES carry the
 * same bytes.
 *
 * @example
 * const raw = await buildMime({ from, to: { name: 'Lucas', address: 'lucas@x.example' }, subject, text, html, messageId });
 */
export async function buildMime(input: MimeInput): Promise<Uint8Array> {
  const composer = new MailComposer({
    from: input.from,
    to: input.to.name ? { name: input.to.name, address: input.to.address } : input.to.address,
    subject: input.subject,
    text: input.text,
    html: input.html,
    messageId: input.messageId,
    date: input.date ?? new Date(),
    // bulk, machine-sent mail: auto-responders should stay quiet
    headers: { 'Auto-Submitted': 'auto-generated' },
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return new Uint8Array(await composer.compile().build());
}
