import nodemailer from 'nodemailer';
import type { EmailConfig } from '../../config.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  /** STARTTLS or fail: set whenever there are credentials on a connection that does not start with TLS */
  requireTLS?: boolean;
}

/**
 * SMTP options from the config, with credentials from the environment
 * (`SCORECARD_SMTP_USER`, `SCORECARD_SMTP_PASSWORD`) so that they stay out of
 * the config file. With credentials the connection must be encrypted: TLS
 * from the start (`secure`) or STARTTLS, never plain text.
 */
export function smtpOptions(email: EmailConfig, env: NodeJS.ProcessEnv = process.env): SmtpOptions {
  const user = env.SCORECARD_SMTP_USER;
  const pass = env.SCORECARD_SMTP_PASSWORD;
  // a password never crosses the network in clear: without TLS from the start, STARTTLS is required
  return { ...email.smtp, ...(user && pass ? { auth: { user, pass }, requireTLS: !email.smtp.secure } : {}) };
}

/**
 * Sends through an SMTP server with nodemailer, passing the prebuilt message
 * as is.
 *
 * @example
 * const transport = new SmtpTransport({ host: '127.0.0.1', port: 2525, secure: false });
 */
export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  readonly description: string;
  private readonly transporter;

  constructor(options: SmtpOptions) {
    this.description = `smtp ${options.host}:${options.port}`;
    this.transporter = nodemailer.createTransport({
      ...options,
      // one connection reused for every message, instead of a handshake (and TLS) per manager
      pool: true,
      maxConnections: 1,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transporter.sendMail({
      envelope: { from: mail.from, to: [mail.to] },
      raw: Buffer.from(mail.raw),
    });
    if (info.rejected.length > 0) throw new Error(`the SMTP server rejected ${mail.to}: ${info.response}`);
    return info.response;
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
