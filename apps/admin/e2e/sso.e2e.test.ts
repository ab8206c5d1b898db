import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type GithubStandIn, startGithubStandIn } from '../../gateway/src/testing/github-stand-in';
import {
  type OidcProviderPeer,
  startOidcProviderPeer,
} from '../../gateway/src/testing/oidc-provider-peer';
import {
  browserRequired,
  browserSuiteTitle,
  callAdminApi,
  hasBrowser,
  setUpRoot,
  signIn,
  useDashboard,
} from './harness';

const ROOT_PASSWORD = 'root-password-sso';

// Issue 18 item 3: sign-in through OpenID Connect against a real local issuer, and through
// GitHub against a local stand-in of its endpoints, from the sign-in page's buttons.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('sign-in through identity providers in a real browser'),
  () => {
    let issuer: OidcProviderPeer;
    let github: GithubStandIn;
    let gatewayUrl = '';
    // The peers start first: the gateway is told GitHub's address, the issuer learns the
    // gateway's (its redirect URI) on its first request.
    beforeAll(async () => {
      issuer = await startOidcProviderPeer(() => `${gatewayUrl}/api/auth/sso/oidc/callback`);
      github = await startGithubStandIn();
    });
    const dashboard = useDashboard({
      env: () => ({ GITHUB_OAUTH_BASE_URL: github.baseUrl, GITHUB_API_BASE_URL: github.baseUrl }),
    });
    afterAll(async () => {
      await issuer?.close();
      await github?.close();
    });
    let page: Page;

    beforeAll(async () => {
      page = dashboard.page;
      gatewayUrl = dashboard.gateway.baseUrl;
      await setUpRoot(dashboard, ROOT_PASSWORD);
    });

    const signOut = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    };

    it('turns both providers on from the Settings page', async () => {
      await dashboard.openNav('Settings');
      const form = page.getByRole('form', { name: 'Sign-in providers' });
      await form.getByLabel('Create an account on a first sign-in that matches no one').check();
      await form.getByLabel('Offer sign-in with OpenID Connect').check();
      await form.getByLabel('Issuer URL', { exact: true }).fill(issuer.issuer);
      await form.getByLabel('Button name', { exact: true }).fill('Local IdP');
      await form.getByLabel('OIDC client ID', { exact: true }).fill(issuer.clientId);
      await form.getByLabel('OIDC client secret', { exact: true }).fill(issuer.clientSecret);
      await form.getByLabel('Offer sign-in with GitHub').check();
      await form.getByLabel('GitHub client ID', { exact: true }).fill(github.clientId);
      await form.getByLabel('GitHub client secret', { exact: true }).fill(github.clientSecret);
      await form.getByRole('button', { name: 'Save sign-in providers' }).click();
      await form.getByText('Sign-in providers saved.').waitFor();
      // Write-only: the saved secret is not put back into the page.
      await form.getByText('Set; leave empty to keep it').first().waitFor();
      await form.getByText(`${gatewayUrl}/api/auth/sso/oidc/callback`).waitFor();
      await dashboard.screenshot('settings-sign-in-providers', form);
      await signOut();
    });

    it('signs in with the local OpenID provider and lands on the dashboard', async () => {
      issuer.accounts.set('ada', {
        email: 'ada@example.com',
        emailVerified: true,
        preferredUsername: 'ada',
        name: 'Ada Lovelace',
      });
      issuer.signInAs = 'ada';
      await page.getByRole('link', { name: 'Sign in with Local IdP' }).waitFor();
      await dashboard.screenshot('sign-in-with-providers');
      await page.getByRole('link', { name: 'Sign in with Local IdP' }).click();
      // The issuer's own login page, on its own origin.
      await page.getByRole('button', { name: 'Continue as ada' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await page.getByText('Ada Lovelace').first().waitFor();
      await signOut();
    });

    it('signs in with GitHub (a local stand-in) and lands on the dashboard', async () => {
      github.user = {
        id: 1001,
        login: 'octocat',
        name: 'The Octocat',
        emails: [{ email: 'octocat@example.com', primary: true, verified: true }],
      };
      await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
      await page.getByRole('link', { name: 'Authorize octocat' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await page.getByText('The Octocat').first().waitFor();
      await signOut();
    });

    it('shows an admin the sign-ins linked to a user', async () => {
      await signIn(page, 'root', ROOT_PASSWORD);
      await dashboard.openNav('Users');
      await page.getByRole('button', { name: 'Edit ada' }).click();
      const linked = page.getByRole('region', { name: 'Linked sign-ins' });
      await linked.getByText('OpenID Connect: ada@example.com').waitFor();
      await signOut();
    });

    it('lets a user unlink a sign-in from the Account page, but not their only way in', async () => {
      await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
      await page.getByRole('link', { name: 'Authorize octocat' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await dashboard.openNav('Account');
      const linked = page.getByRole('region', { name: 'Linked sign-ins' });
      const unlink = linked.getByRole('button', { name: 'Unlink GitHub: octocat@example.com' });
      await unlink.click();
      await linked
        .getByRole('alert')
        .getByText('This is your only way to sign in', { exact: false })
        .waitFor();
      // With a password (which ends the sessions), the link may go.
      await callAdminApi(dashboard, 'PATCH', '/api/user/self', { password: 'octocat-password' });
      await page.goto(`${gatewayUrl}/`);
      await signIn(page, 'octocat', 'octocat-password');
      await dashboard.openNav('Account');
      await unlink.click();
      await linked.getByText('None: this account signs in with its password only.').waitFor();
      await signOut();
    });

    it('explains a refused sign-in on the sign-in page', async () => {
      await page.goto(`${gatewayUrl}/api/auth/sso/oidc/callback?code=stolen&state=forged`);
      await page
        .getByRole('alert')
        .getByText('The sign-in expired or was started in another browser.', { exact: false })
        .waitFor();
    });
  },
);
