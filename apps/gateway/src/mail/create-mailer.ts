import type { Transporter } from 'nodemailer';

/** How the SMTP connection is secured. */
export type SmtpSecurity =
  /** TLS from the first byte (usually port 465). */
  | 'tls'
  /** Plain connection upgraded with STARTTLS, refused if the server does not offer it (587). */
  | 'starttls'
  /** No TLS at all: only for a relay on the same host or a trusted network (25). */
  | 'none';

export interface SmtpOptions {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  /** Empty: the server takes mail without signing in. */
  readonly username: string;
  readonly password: string;
  /** The sender, `address@example.com` or `Name <address@example.com>`. */
  readonly from: string;
}

export interface MailMessage {
  readonly to: string | readonly string[];
  readonly subject: string;
  /** Plain text body; alerts and sign-in mails need no HTML. */
  readonly text: string;
}

export interface Mailer {
  /** Sends one message; rejects with the server's answer when it is refused. */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** Seconds an SMTP server may take to answer: a hung server must not hold alerts forever. */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * Outgoing mail over SMTP, on nodemailer (it handles STARTTLS, AUTH mechanisms, pooling and
 * MIME encoding of non-ASCII subjects, which are easy to get subtly wrong by hand). The one
 * place that imports it: alerts and, later, sign-in mails send through this.
 */
export function createMailer(options: SmtpOptions): Mailer {
  // nodemailer (some 3 MiB of heap) is imported at the first message, not at start: many
  // gateways send no mail, and none is sent on the relay's path.
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.security === 'tls',
        requireTLS: options.security === 'starttls',
        ignoreTLS: options.security === 'none',
        ...(options.username && { auth: { user: options.username, pass: options.password } }),
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      }),
    ));
  return {
    async send(message) {
      const info = await (await open()).sendMail({
        from: options.from,
        to: typeof message.to === 'string' ? message.to : [...message.to],
        subject: message.subject,
        text: message.text,
      });
      return { messageId: String(info.messageId) };
    },
    close: () => {
      // Nothing was opened if nothing was sent; a failed import was reported by send.
      transport?.then(
        (opened) => opened.close(),
        () => {},
      );
    },
  };
}
