import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserRequired,
  browserSuiteTitle,
  hasBrowser,
  setUpRoot,
  signIn,
  useDashboard,
} from './harness';

const ROOT_PASSWORD = 'root-password-2fa';

/** The code an authenticator app shows `steps` time steps (30 s) from now. */
const codeAt = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

/** Near a step's end a code made now may be two steps old when checked: wait for a fresh one. */
async function atFreshStep() {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 20_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep));
}

// Issue 18 item 3: two-factor sign-in with an authenticator app, set up from the Account
// page and asked for after the password; codes computed here with the gateway's library.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('two-factor sign-in (TOTP) in a real browser'),
  () => {
    const dashboard = useDashboard();
    let page: Page;
    let secret = '';
    let recoveryCodes: string[] = [];

    beforeAll(async () => {
      page = dashboard.page;
      await setUpRoot(dashboard, ROOT_PASSWORD);
    });

    // Back at the root path, so that signing in again lands on the Overview.
    const signOut = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.goto(`${dashboard.gateway.baseUrl}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    };
    const enterPassword = async () => {
      await page.getByLabel('Username', { exact: true }).fill('root');
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    };

    it('sets it up from the Account page with a first code, and shows 10 recovery codes once', async () => {
      await dashboard.openNav('Account');
      const section = page.getByRole('region', { name: 'Two-factor sign-in' });
      await section.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      secret = (await section.getByTestId('totp-secret').textContent()) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = await section.getByTestId('totp-uri').textContent();
      expect(uri).toContain(`secret=${secret}`);
      expect(uri).toMatch(/^otpauth:\/\/totp\/oneapi:root\?/);
      await section.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
      await dashboard.screenshot('account-two-factor-setup', section);

      await section.getByLabel('Code from the app').fill('000000');
      await section.getByRole('button', { name: 'Turn on' }).click();
      await section.getByText('Wrong code').waitFor();

      await atFreshStep();
      await section.getByLabel('Code from the app').fill(codeAt(secret));
      await section.getByRole('button', { name: 'Turn on' }).click();
      const list = section.getByRole('list', { name: 'Recovery codes' });
      await list.waitFor();
      recoveryCodes = await list.getByRole('listitem').allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await dashboard.screenshot('account-two-factor', section);
      await section.getByRole('button', { name: 'I have saved them' }).click();
      await section.getByText('10 recovery codes left').waitFor();
      // The secret is gone from the page once set up.
      expect(await page.content()).not.toContain(secret);
    });

    it('asks for the code after the password, refuses a wrong one, and signs in with the right one', async () => {
      await signOut();
      await enterPassword();
      await page.getByLabel('Authentication code').fill('123456');
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByText('Wrong or already used code').waitFor();
      await dashboard.screenshot('sign-in-second-factor');
      // The code after the one that turned it on: that one is spent.
      await page.getByLabel('Authentication code').fill(codeAt(secret, 1));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
    });

    it('starts over from the two-factor page, and a reload then shows the password form', async () => {
      await signOut();
      await enterPassword();
      await page.getByRole('button', { name: 'Start over' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    });

    it('signs in once with a recovery code, and reloading keeps asking until it is done', async () => {
      await enterPassword();
      // A pending sign-in survives a reload: the page asks for the second factor again.
      await page.reload();
      await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
      await page.getByLabel('Authentication code').fill(recoveryCodes[0]!);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await dashboard.openNav('Account');
      await page.getByText('9 recovery codes left').waitFor();
    });

    it('turns off with the password, after which the password alone signs in', async () => {
      const section = page.getByRole('region', { name: 'Two-factor sign-in' });
      await section.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await section.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
      await section.getByRole('button', { name: 'Set up two-factor sign-in' }).waitFor();
      await signOut();
      await signIn(page, 'root', ROOT_PASSWORD);
      expect(dashboard.cspViolations).toEqual([]);
    });
  },
);
