import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailTransport, OutgoingMail } from './transport.ts';

/**
 * Sends through Amazon SES (API v2) as a raw message, so SES carries the
 * same MIME bytes as the outbox and SMTP.
 *
 * @example
 * const transport = new SesTransport(new SESv2Client({ region: 'eu-west-1' }));
 */
export class SesTransport implements MailTransport {
  readonly kind = 'ses';
  readonly description: string;

  constructor(private readonly client: SESv2Client) {
    this.description = 'Amazon SES';
  }

  async send(mail: OutgoingMail): Promise<string> {
    const response = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        Content: { Raw: { Data: mail.raw } },
      }),
    );
    if (!response.MessageId) throw new Error(`SES accepted no message for ${mail.to}`);
    return response.MessageId;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
