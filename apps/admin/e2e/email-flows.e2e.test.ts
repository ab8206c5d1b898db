import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SunkMail, startSmtpSink } from './alert-sinks';
import {
  browserRequired,
  browserSuiteTitle,
  callAdminApi,
  hasBrowser,
  setUpRoot,
  signIn,
  useDashboard,
} from './harness';

const ROOT_PASSWORD = 'root-password-mail';
const SMTP = { username: 'gateway-mailer', password: 'smtp-password-e2e-mail-3b7e' };
const MIA = { username: 'mia', password: 'mia-old-password', email: 'mia@example.test' };

/** A port free now, so that PUBLIC_URL (which mailed links are built from) can name it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The body of a raw mail, undoing the quoted-printable soft breaks and escapes nodemailer uses. */
function bodyOf(mail: SunkMail): string {
  const body = mail.raw.slice(mail.raw.indexOf('\r\n\r\n') + 4);
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(mail.raw)) return body;
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

// Issue 18 item 3: an email proved by a link mailed through a real SMTP server, and a
// forgotten password replaced through one, from the dashboard's own pages.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('email verification and password reset by mail in a real browser'),
  () => {
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let port = 0;
    beforeAll(async () => {
      sink = await startSmtpSink(SMTP);
      port = await freePort();
    });
    const dashboard = useDashboard({
      env: () => ({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }),
    });
    afterAll(async () => {
      await sink?.close();
    });
    let page: Page;

    /** The link of `path` in the next mail to `to` after the first `seen` mails. */
    const linkInMail = async (to: string, path: string, seen: number): Promise<string> => {
      const pattern = new RegExp(`http://127\\.0\\.0\\.1:${port}${path}#token=[A-Za-z0-9]+`);
      for (let waited = 0; waited < 10_000; waited += 100) {
        const mail = sink.mails.slice(seen).find((received) => received.to.includes(to));
        const link = mail && pattern.exec(bodyOf(mail))?.[0];
        if (link) return link;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no ${path} link mailed to ${to}`);
    };
    const signOut = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    };

    beforeAll(async () => {
      page = dashboard.page;
      await setUpRoot(dashboard, ROOT_PASSWORD);
      await callAdminApi(dashboard, 'PATCH', '/api/settings/alerts', {
        smtpHost: '127.0.0.1',
        smtpPort: sink.port,
        smtpSecurity: 'none',
        smtpUsername: SMTP.username,
        smtpPassword: SMTP.password,
        smtpFrom: 'Gateway <accounts@example.test>',
      });
      await callAdminApi(dashboard, 'POST', '/api/users', MIA);
      await signOut();
    });

    it('verifies an email from the Account page through the mailed link', async () => {
      await signIn(page, MIA.username, MIA.password);
      await dashboard.openNav('Account');
      const email = page.getByRole('region', { name: 'Email' });
      await email.getByText('Not verified').waitFor();
      const seen = sink.mails.length;
      await email.getByRole('button', { name: 'Send verification email' }).click();
      await email
        .getByText(`A verification link was sent to ${MIA.email}.`, { exact: false })
        .waitFor();
      const link = await linkInMail(MIA.email, '/verify-email', seen);

      await page.goto(link);
      await page.getByText(`${MIA.email} is verified.`).waitFor();
      await page.getByRole('link', { name: 'Continue to the dashboard' }).click();
      await dashboard.openNav('Account');
      await email.getByText('Verified', { exact: true }).waitFor();
      await dashboard.screenshot('account-email-verified');
      // The link worked once: opened again, it is refused.
      await page.goto(link);
      await page
        .getByRole('alert')
        .getByText('invalid, used or expired', { exact: false })
        .waitFor();
      await page.goto(`http://127.0.0.1:${port}/`);
      await signOut();
    });

    it('resets a forgotten password through the mailed link', async () => {
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
      const seen = sink.mails.length;
      await page.getByLabel('Email', { exact: true }).fill(MIA.email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page
        .getByText(`If an account has the address ${MIA.email}`, { exact: false })
        .waitFor();
      const link = await linkInMail(MIA.email, '/reset-password', seen);

      await page.goto(link);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill('mia-new-password');
      await page.getByLabel('New password again', { exact: true }).fill('mia-new-password');
      await dashboard.screenshot('reset-password');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.getByText('Your password is changed.', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Back to sign-in' }).click();

      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Username', { exact: true }).fill(MIA.username);
      await page.getByLabel('Password', { exact: true }).fill(MIA.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page
        .getByRole('alert')
        .getByText('Wrong username or password', { exact: false })
        .waitFor();
      await page.getByLabel('Password', { exact: true }).fill('mia-new-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      expect(dashboard.cspViolations).toEqual([]);
    });
  },
);
