import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { ROOT } from '../../testing/admin/admin-test-kit';
import {
  createUserWithEmail,
  linkTokenOf,
  type MailingGateway,
  nextMailTo,
  signInTo,
  startMailingGateway,
} from '../../testing/admin/email-test-kit';
import { jsonRequest } from '../../testing/create-test-gateway';

describeEachDatabase('password reset by a mailed link', (current) => {
  let mailing: MailingGateway;
  const call = (path: string, init?: RequestInit) => mailing.gateway.app.request(path, init);
  /** A reset request from one client address (each test its own, as the limit is per client). */
  const askReset = (email: string, client: string) =>
    call('/api/auth/password-reset', jsonRequest('POST', { email }, { 'x-forwarded-for': client }));
  const setPassword = (token: string, password: string) =>
    call('/api/auth/password-reset/confirm', jsonRequest('POST', { token, password }));
  const login = (username: string, password: string) =>
    call('/api/auth/login', jsonRequest('POST', { username, password }));
  const signedIn = async (session: Record<string, string>) =>
    (
      (await (await call('/api/auth/session', { headers: session })).json()) as {
        signedIn: boolean;
      }
    ).signedIn;
  /** A user with an email, and a reset link mailed to it. */
  const resetLinkFor = async (username: string, client: string) => {
    const email = `${username}@example.com`;
    const id = await createUserWithEmail(mailing.gateway, {
      username,
      password: 'old-password',
      email,
    });
    const seen = mailing.sink.mails.length;
    expect((await askReset(email, client)).status).toBe(202);
    const mail = await nextMailTo(mailing.sink, email, seen);
    return { id, email, mail, token: linkTokenOf(mail, '/reset-password') };
  };

  beforeAll(async () => {
    mailing = await startMailingGateway(current());
  });
  afterAll(async () => {
    await mailing?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers the same whether or not an account has the address, and mails only an account', async () => {
    await createUserWithEmail(mailing.gateway, {
      username: 'rita',
      password: 'old-password',
      email: 'rita@example.com',
    });
    const seen = mailing.sink.mails.length;
    const unknown = await askReset('nobody@example.com', '10.2.0.1');
    const known = await askReset('RITA@example.com', '10.2.0.1');
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(await unknown.json()).toEqual(await known.json());
    const mail = await nextMailTo(mailing.sink, 'rita@example.com', seen);
    expect(mail.subject).toBe('[oneapi] Reset your password');
    expect(mail.text).toContain('rita');
    // Time for a stray mail to the unknown address to arrive, if one were sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailing.sink.mails.slice(seen).flatMap((received) => received.to)).toEqual([
      'rita@example.com',
    ]);
  });

  it('sets the new password once, ends every session and verifies the email', async () => {
    const { id, token } = await resetLinkFor('paul', '10.2.0.2');
    const first = await signInTo(mailing.gateway, 'paul', 'old-password');
    const second = await signInTo(mailing.gateway, 'paul', 'old-password');

    const wrong = await setPassword(withLastCharacterChanged(token), 'new-password-1');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { param: 'token' } });
    expect((await login('paul', 'old-password')).status).toBe(200);

    const reset = await setPassword(token, 'new-password-1');
    expect(reset.status).toBe(200);
    expect(await signedIn(first)).toBe(false);
    expect(await signedIn(second)).toBe(false);
    expect((await login('paul', 'old-password')).status).toBe(401);
    expect((await login('paul', 'new-password-1')).status).toBe(200);
    // Single use.
    expect((await setPassword(token, 'new-password-2')).status).toBe(400);
    expect((await login('paul', 'new-password-2')).status).toBe(401);

    const user = await call(`/api/users/${id}`, { headers: ROOT });
    expect(await user.json()).toMatchObject({ emailVerifiedAt: expect.any(Number) });
    const audit = await call(`/api/audit-logs?entityType=user&entityId=${id}`, { headers: ROOT });
    const auditText = await audit.text();
    expect(JSON.parse(auditText)).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({
          action: 'update',
          actorName: 'paul',
          // The two sessions above and the sign-in that checked the old password still worked.
          after: expect.objectContaining({ passwordReset: true, sessionsEnded: 3 }),
        }),
      ]),
    });
    expect(auditText).not.toContain(token);
    expect(auditText).not.toContain('new-password-1');
  });

  it('refuses a link past its 30 minutes, and only the latest link works', async () => {
    const { token: older, email } = await resetLinkFor('gwen', '10.2.0.3');
    const seen = mailing.sink.mails.length;
    await askReset(email, '10.2.0.3');
    const latest = linkTokenOf(await nextMailTo(mailing.sink, email, seen), '/reset-password');
    expect((await setPassword(older, 'new-password-1')).status).toBe(400);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 30 * 60_000 + 1000);
    expect((await setPassword(latest, 'new-password-1')).status).toBe(400);
    vi.useRealTimers();
    expect((await login('gwen', 'old-password')).status).toBe(200);
  });

  it('limits requests per address with the same answer for unknown addresses', async () => {
    await createUserWithEmail(mailing.gateway, {
      username: 'lim',
      password: 'old-password',
      email: 'lim@example.com',
    });
    const statuses = async (email: string) => {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await askReset(email, `10.3.${i}.1`)).status);
      return answers;
    };
    const seen = mailing.sink.mails.length;
    expect(await statuses('lim@example.com')).toEqual([202, 202, 202, 429]);
    expect(await statuses('unknown-lim@example.com')).toEqual([202, 202, 202, 429]);
    // Three mails went out for the three accepted requests, none for the refused one.
    await mailing.sink.waitForMails(seen + 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailing.sink.mails.length).toBe(seen + 3);
  });
});

/** The token with its last character replaced by another (never by itself: that was flaky). */
function withLastCharacterChanged(token: string): string {
  return `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
}
