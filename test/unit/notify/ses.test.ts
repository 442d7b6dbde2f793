import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SesTransport } from '../../../functions/notify/transports/ses.ts';

const ses = mockClient(SESv2Client);

afterEach(() => ses.reset());

const mail = { asOf: '2026-11-26', from: 'scorecard@corp.example', to: 'lucas@x.example', raw: new TextEncoder().encode('Subject: hi\r\n\r\nbody') };

describe('SesTransport', () => {
  it('sends the prebuilt MIME message as a raw SES v2 e-mail to exactly one recipient', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const transport = new SesTransport(new SESv2Client({ region: 'eu-west-1' }));

    const receipt = await transport.send(mail);

    expect(receipt).toBe('ses-1');
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      FromEmailAddress: 'scorecard@corp.example',
      Destination: { ToAddresses: ['lucas@x.example'] },
      Content: { Raw: { Data: mail.raw } },
    });
  });

  it('rejects when SES refuses, so the recipient is not logged as sent', async () => {
    ses.on(SendEmailCommand).rejects(new Error('MessageRejected: Email address is not verified'));
    const transport = new SesTransport(new SESv2Client({ region: 'eu-west-1' }));

    await expect(transport.send(mail)).rejects.toThrow(/not verified/);
  });
});
