import type { Storage } from '@oneapi/storage';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../alerts/start-smtp-sink';
import { createTestGateway, jsonRequest, type TestGateway } from '../create-test-gateway';
import { ROOT, ROOT_ENV } from './admin-test-kit';

/** Shared setup of the mailed-link tests: a gateway on `storage` sending to a real SMTP sink. */

export const PUBLIC_URL = 'http://oneapi.test:8080';

export interface MailingGateway {
  readonly gateway: TestGateway;
  readonly sink: SmtpSink;
  close(): Promise<void>;
}

export async function startMailingGateway(storage: Storage): Promise<MailingGateway> {
  const sink = await startSmtpSink();
  const gateway = await createTestGateway({ ...ROOT_ENV, PUBLIC_URL }, { storage });
  const saved = await gateway.app.request(
    '/api/settings/alerts',
    jsonRequest(
      'PATCH',
      {
        smtpHost: '127.0.0.1',
        smtpPort: sink.port,
        smtpSecurity: 'none',
        smtpFrom: 'oneapi@example.com',
      },
      ROOT,
    ),
  );
  if (saved.status !== 200) throw new Error(`mail settings: ${await saved.text()}`);
  return {
    gateway,
    sink,
    async close() {
      await gateway.close();
      await sink.close();
    },
  };
}

/** The token of the mailed link to `path` (`/verify-email`), read from the mail's text. */
export function linkTokenOf(mail: ReceivedMail, path: string): string {
  const escaped = `${PUBLIC_URL}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = new RegExp(`${escaped}#token=([A-Za-z0-9]+)`).exec(mail.text)?.[1];
  if (!token) throw new Error(`no ${path} link in: ${mail.text}`);
  return token;
}

/** The next mail to `to` after the first `seen` mails of the sink. */
export async function nextMailTo(sink: SmtpSink, to: string, seen: number): Promise<ReceivedMail> {
  for (let count = seen + 1; ; count++) {
    const mails = await sink.waitForMails(count);
    const mail = mails.slice(seen).find((received) => received.to.includes(to));
    if (mail) return mail;
  }
}

/** Root creates a user with a password and an email; returns its id. */
export async function createUserWithEmail(
  gateway: TestGateway,
  user: { username: string; password: string; email: string },
): Promise<number> {
  const created = await gateway.app.request('/api/users', jsonRequest('POST', user, ROOT));
  if (created.status !== 201) throw new Error(`user ${user.username}: ${await created.text()}`);
  return ((await created.json()) as { id: number }).id;
}

/** Signs in through the app: the session's cookie and CSRF headers. */
export async function signInTo(gateway: TestGateway, username: string, password: string) {
  const login = await gateway.app.request(
    '/api/auth/login',
    jsonRequest('POST', { username, password }, { 'x-forwarded-for': `10.1.0.${username.length}` }),
  );
  if (login.status !== 200) throw new Error(`sign-in of ${username}: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
}
