import type { CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserRequired,
  browserSuiteTitle,
  hasBrowser,
  setUpRoot,
  signIn,
  useDashboard,
} from './harness';

const ROOT_PASSWORD = 'root-password-passkeys';

// Issue 18 item 3: passkeys (WebAuthn) against Chromium's virtual authenticator, driven
// through the DevTools protocol: registration on the Account page, passwordless sign-in,
// and a passkey as the second factor after the password.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('passkeys in a real browser with a virtual authenticator'),
  () => {
    const dashboard = useDashboard();
    let page: Page;
    let devtools: CDPSession;
    let authenticatorId = '';
    // WebAuthn refuses an IP address as the relying party: the dashboard is opened by name.
    let siteUrl = '';

    beforeAll(async () => {
      page = dashboard.page;
      await setUpRoot(dashboard, ROOT_PASSWORD);
      siteUrl = dashboard.gateway.baseUrl.replace('127.0.0.1', 'localhost');
      await page.goto(`${siteUrl}/`);
      await signIn(page, 'root', ROOT_PASSWORD);
      devtools = await page.context().newCDPSession(page);
      await devtools.send('WebAuthn.enable');
      ({ authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      }));
    });

    const signOut = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.goto(`${siteUrl}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    };
    const credentials = async () =>
      (await devtools.send('WebAuthn.getCredentials', { authenticatorId })).credentials;

    it('registers a named, discoverable passkey from the Account page', async () => {
      await dashboard.openNav('Account');
      const section = page.getByRole('region', { name: 'Passkeys' });
      await section.getByText('No passkeys yet.').waitFor();
      await section.getByLabel('Name of the new passkey').fill('Test laptop');
      await section.getByRole('button', { name: 'Add a passkey' }).click();
      await section.getByRole('list', { name: 'Your passkeys' }).getByText('Test laptop').waitFor();
      const held = await credentials();
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
      await dashboard.screenshot('account-passkeys', section);
    });

    it('signs in without a password with the passkey', async () => {
      await signOut();
      const counterBefore = (await credentials())[0]!.signCount;
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      expect((await credentials())[0]!.signCount).toBeGreaterThan(counterBefore);
    });

    it('asks for the passkey as the second factor after the password', async () => {
      await signOut();
      await page.getByLabel('Username', { exact: true }).fill('root');
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
      // No authenticator app is set up: the passkey is the only second factor offered.
      expect(await page.getByLabel('Authentication code').count()).toBe(0);
      await page.getByRole('button', { name: 'Use a passkey' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
    });

    it('removes the passkey (audited), after which the authenticator’s copy signs in no more', async () => {
      await dashboard.openNav('Account');
      const section = page.getByRole('region', { name: 'Passkeys' });
      await section.getByRole('button', { name: 'Remove passkey Test laptop' }).click();
      await section.getByText('No passkeys yet.').waitFor();
      const audit = await page.request.get(`${siteUrl}/api/audit-logs?entityType=passkey`);
      const { items } = (await audit.json()) as { items: { action: string; after: unknown }[] };
      expect(items.map((entry) => entry.action)).toEqual(['delete', 'create']);
      expect(JSON.stringify(items)).not.toMatch(/publicKey|credentialId/);
      await signOut();
      // The virtual authenticator still holds it; the gateway no longer knows it.
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByText('This passkey is not registered here').waitFor();
      // With no second factor left, the password alone signs in.
      await signIn(page, 'root', ROOT_PASSWORD);
      expect(dashboard.cspViolations).toEqual([]);
    });
  },
);
