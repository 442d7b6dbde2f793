import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Config } from '../../config.ts';
import type { ObjectStore } from '../../store/store.ts';
import { OutboxTransport } from './outbox.ts';
import { SesTransport } from './ses.ts';
import { smtpOptions, SmtpTransport } from './smtp.ts';
import type { MailTransport } from './transport.ts';

/**
 * The transport `config.email.transport` names.
 *
 * @example
 * const transport = openTransport(ctx.config, ctx.store);
 */
export function openTransport(config: Config, store: ObjectStore): MailTransport {
  switch (config.email.transport) {
    case 'outbox':
      return new OutboxTransport(store);
    case 'smtp':
      return new SmtpTransport(smtpOptions(config.email));
    case 'ses':
      return new SesTransport(new SESv2Client({ region: config.store.region ?? process.env.AWS_REGION ?? 'us-east-1' }));
  }
}
