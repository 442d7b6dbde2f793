import type { ObjectStore } from '../../store/store.ts';
import { outboxKey } from '../../lake/notify-keys.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

/**
 * The default transport: each message is an RFC 5322 file at
 * `outbox/<asOf>/<recipient>.eml` in the lake, to open in a mail client or
 * hand to another system.
 *
 * @example
 * const transport = new OutboxTransport(ctx.store);
 */
export class OutboxTransport implements MailTransport {
  readonly kind = 'outbox';
  readonly description: string;

  constructor(private readonly store: ObjectStore) {
    this.description = `outbox in ${store.description}`;
  }

  async send(mail: OutgoingMail): Promise<string> {
    const key = outboxKey(mail.asOf, mail.to);
    await this.store.put(key, mail.raw, 'message/rfc822');
    return key;
  }

  async close(): Promise<void> {}
}
