import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { smtpOptions, SmtpTransport } from '../../../functions/notify/transports/smtp.ts';

describe('SMTP with credentials', () => {
  let server: SMTPServer;
  let port: number;
  const passwords: string[] = [];
  beforeAll(async () => {
    // a server that offers no STARTTLS but would take a password in clear
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        passwords.push(auth.password ?? '');
        callback(null, { user: auth.username });
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('requires TLS when there are credentials and the connection does not start with it', () => {
    const email = resolveConfig({ email: { smtp: { host: 'mail.example.com', port: 587, secure: false } } }).email;

    expect(smtpOptions(email, { SCORECARD_SMTP_USER: 'u', SCORECARD_SMTP_PASSWORD: 'p' })).toEqual(
      expect.objectContaining({ auth: { user: 'u', pass: 'p' }, requireTLS: true }),
    );
    expect(smtpOptions(email, {})).not.toHaveProperty('requireTLS');
  });

  it('refuses to send a password to a server without STARTTLS, before it sees the password', async () => {
    const email = resolveConfig({ email: { smtp: { host: '127.0.0.1', port, secure: false } } }).email;
    const transport = new SmtpTransport(smtpOptions(email, { SCORECARD_SMTP_USER: 'scorecard', SCORECARD_SMTP_PASSWORD: 'secret-pw' }));
    try {
      await expect(
        transport.send({ asOf: '2026-11-26', from: 'a@example.com', to: 'b@example.com', raw: new TextEncoder().encode('Subject: x\r\n\r\nhello\r\n') }),
      ).rejects.toThrow(/STARTTLS|TLS/i);
    } finally {
      await transport.close();
    }
    expect(passwords).toEqual([]);
  });
});
