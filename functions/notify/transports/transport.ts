import type { TransportKind } from '../../config.ts';

/** A finished message and its envelope. */
export interface OutgoingMail {
  /** the version: the outbox files messages by it */
  asOf: string;
  /** envelope sender, a bare address */
  from: string;
  /** envelope recipient, a bare address */
  to: string;
  /** the RFC 5322 message, built once (mime.ts) whatever the transport */
  raw: Uint8Array;
}

/**
 * Where e-mails go: `.eml` files in the lake's outbox, an SMTP server, or
 * Amazon SES. `send` resolves only once the message is accepted, and
 * rejects otherwise, so the caller logs a send only when it happened.
 */
export interface MailTransport {
  readonly kind: TransportKind;
  /** for logs: `outbox folder .scorecard`, `smtp 127.0.0.1:25`, `ses eu-west-1` */
  readonly description: string;
  /** returns the transport's receipt: the outbox key, the SMTP reply, the SES message id */
  send(mail: OutgoingMail): Promise<string>;
  close(): Promise<void>;
}
