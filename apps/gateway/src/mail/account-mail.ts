import type { EmailTokenPurpose } from '@oneapi/storage';
import { alertSettingsOf, smtpOptionsOf } from '../alerts/alert-settings';
import { issueEmailLink } from '../auth/email-links';
import type { GatewayServices } from '../compose';
import { systemSettingsOf } from '../options/system-settings';
import { createMailer } from './create-mailer';

type MailServices = Pick<GatewayServices, 'storage' | 'changes' | 'cipher' | 'config'>;

/** The dashboard pages a mailed link opens; the token rides in the fragment (see below). */
const LINK_PATHS: Record<EmailTokenPurpose, string> = {
  verify_email: '/verify-email',
  reset_password: '/reset-password',
};

/** A user with an address to mail. */
export interface MailedUser {
  readonly id: number;
  readonly username: string;
  readonly email: string;
}

export interface AccountMailSender {
  /**
   * Issues `user` a new link of `purpose` (their earlier one stops working) and mails it to
   * their address. The token goes after `#`: browsers never send a fragment to a server, so
   * it stays out of access logs and Referer headers. Rejects when the SMTP server refuses.
   */
  mailLink(user: MailedUser, purpose: EmailTokenPurpose): Promise<void>;
}

/**
 * The sender of verification and password-reset mails, or undefined when this gateway cannot
 * send them: no SMTP server in the mail settings, or no PUBLIC_URL. Links are built from
 * PUBLIC_URL only, never from the request's Host header, which a caller asking for a reset
 * of someone else's account could point at their own server to receive the victim's link.
 */
export async function accountMailSenderOf(
  services: MailServices,
): Promise<AccountMailSender | undefined> {
  const publicUrl = services.config.publicUrl;
  const smtp = smtpOptionsOf(await alertSettingsOf(services).read());
  if (!publicUrl || !smtp) return undefined;
  return {
    async mailLink(user, purpose) {
      const token = await issueEmailLink(services.storage.repositories, user, purpose);
      const { systemName } = await systemSettingsOf(services).read();
      const link = `${publicUrl}${LINK_PATHS[purpose]}#token=${token}`;
      const mailer = createMailer(smtp);
      try {
        await mailer.send({
          to: user.email,
          ...composeAccountMail(purpose, link, user.username, systemName),
        });
      } finally {
        mailer.close();
      }
    },
  };
}

function composeAccountMail(
  purpose: EmailTokenPurpose,
  link: string,
  username: string,
  systemName: string,
): { subject: string; text: string } {
  if (purpose === 'verify_email')
    return {
      subject: `[${systemName}] Confirm your email address`,
      text: [
        `Hello ${username},`,
        '',
        `Open this link to confirm that this address belongs to your ${systemName} account:`,
        link,
        '',
        'The link works once, for 24 hours. If you did not ask for it, ignore this mail.',
      ].join('\n'),
    };
  return {
    subject: `[${systemName}] Reset your password`,
    text: [
      `Hello ${username},`,
      '',
      `Someone asked to reset the password of the ${systemName} account ${username}.`,
      'Open this link to choose a new one:',
      link,
      '',
      'The link works once, for 30 minutes. If you did not ask for it, ignore this mail:',
      'your password stays as it is.',
    ].join('\n'),
  };
}
