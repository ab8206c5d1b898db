import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserRequired,
  browserSuiteTitle,
  callAdminApi,
  hasBrowser,
  setUpRoot,
  signIn,
  useDashboard,
} from './harness';
import type { RunningGateway } from './start-gateway';

const ROOT_PASSWORD = 'root-password-site';
const SYSTEM_NAME = 'Acme AI';
// Markup in the notice must show as text: parsed as HTML it would set window.__xss.
const NOTICE = 'Maintenance on Sunday.\n<img src=x onerror="window.__xss=3"><b>not bold</b>';
const NEW_USER_QUOTA = 123_456;
const INVITEE_QUOTA = 1_000;
const INVITER_QUOTA = 2_000;
const UPSTREAM_KEY = 'sk-upstream-site-5678';

/** Reads a download playwright saved, as text. */
const readDownload = async (download: Download) =>
  readFileSync((await download.path()) ?? '', 'utf8');

// Site settings, sign-up with an invite, bulk channel actions, key reveal, keys for users
// and CSV exports. The first-run flow and the other pages: dashboard.e2e.test.ts.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('site settings, sign-up and admin tools in a real browser'),
  () => {
    const dashboard = useDashboard();
    const { screenshot, openNav, cspViolations, xssRan } = dashboard;
    let gateway: RunningGateway;
    let page: Page;
    let inviteLink = '';

    beforeAll(async () => {
      ({ gateway, page } = dashboard);
      await setUpRoot(dashboard, ROOT_PASSWORD);
    });

    it('root changes the site settings, checked like the server', async () => {
      await openNav('Settings');
      const save = page.getByRole('button', { name: 'Save settings' });
      await save.waitFor();
      await save.click();
      await page.getByText('Nothing changed, so nothing was sent.').waitFor();

      await page.getByLabel('System name', { exact: true }).fill(SYSTEM_NAME);
      await page.getByLabel('Notice', { exact: true }).fill(NOTICE);
      await page.getByLabel(/^Anyone may create an account/).check();
      await page.getByLabel('New-user quota', { exact: true }).fill('lots');
      await page.getByLabel('Retries', { exact: true }).fill('11');
      await page.getByLabel('Groups without sticky sessions', { exact: true }).fill('vip, vip');
      await save.click();
      // Client-side checks mirror the server's: nothing is sent.
      await page.getByText('Use a whole number, 0 or more').waitFor();
      await page.getByText('Use 0-10, or leave empty for the default').waitFor();
      await page.getByText('Name each group at most once').waitFor();

      await page.getByLabel('New-user quota', { exact: true }).fill(String(NEW_USER_QUOTA));
      await page.getByLabel('Inviter quota', { exact: true }).fill(String(INVITER_QUOTA));
      await page.getByLabel('Invitee quota', { exact: true }).fill(String(INVITEE_QUOTA));
      await page.getByLabel('Retries', { exact: true }).fill('2');
      await page.getByLabel('Groups without sticky sessions', { exact: true }).fill('batch vip');
      await page.getByLabel('Routing strategy', { exact: true }).selectOption('least-latency');
      // The server is the authority: a group without a ratio is refused beside the field.
      await page.getByLabel('Default group', { exact: true }).fill('no-such-group');
      await save.click();
      await page.getByText('the group no-such-group has no ratio', { exact: false }).waitFor();
      await page.getByLabel('Default group', { exact: true }).fill('default');
      await save.click();
      const saved = page.getByRole('status').filter({ hasText: 'Saved:' });
      await saved.waitFor();
      expect(await saved.textContent()).toBe(
        'Saved: system name, notice, registration, new-user quota, inviter quota, invitee quota, retries, routing strategy, groups without sticky sessions.',
      );
      // The header shows the new name at once.
      await page.getByRole('navigation', { name: 'Main' }).getByText(SYSTEM_NAME).waitFor();
      await screenshot('settings');

      await page.reload();
      expect(await page.getByLabel('System name', { exact: true }).inputValue()).toBe(SYSTEM_NAME);
      expect(await page.getByLabel('Retries', { exact: true }).inputValue()).toBe('2');
      expect(
        await page.getByLabel('Groups without sticky sessions', { exact: true }).inputValue(),
      ).toBe('batch, vip');
      expect(await page.getByLabel('First-byte timeout', { exact: true }).inputValue()).toBe('');
    });

    it('root publishes the prices', async () => {
      await openNav('Settings');
      await page.getByLabel(/^Publish the models and their prices/).check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved: public pricing.' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByText('Public pricing').waitFor();
    });

    it('shows root’s invite link and what it brings on the Overview', async () => {
      await openNav('Overview');
      const link = page.getByTestId('invite-link');
      await link.waitFor();
      inviteLink = (await link.textContent()) ?? '';
      expect(inviteLink).toMatch(
        new RegExp(`^${gateway.baseUrl.replaceAll('.', '\\.')}/sign-up\\?invite=[A-Za-z0-9]{12}$`),
      );
      await page.getByText('you get 2,000').waitFor();
      await screenshot('invite', page.getByRole('region', { name: 'Invite' }));
    });

    it('signs out to a sign-in page with the site’s name and notice, as text', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByText(SYSTEM_NAME, { exact: true }).waitFor();
      const notice = page.getByRole('note', { name: 'Notice' });
      expect(await notice.textContent()).toBe(NOTICE);
      expect(await notice.locator('img, b').count()).toBe(0);
      expect(await xssRan()).toBe(false);
      expect(await page.title()).toBe(SYSTEM_NAME);
      await page.getByRole('link', { name: 'Create an account' }).waitFor();
      await screenshot('sign-in-site');
    });

    it('shows the models and prices signed out, while published', async () => {
      await page.getByRole('link', { name: 'See the models and their prices' }).click();
      await page.getByRole('heading', { name: 'Models and prices' }).waitFor();
      const models = page.getByRole('table', { name: 'Model prices' });
      await models.getByRole('row').filter({ hasText: 'gpt-4o-mini' }).first().waitFor();
      await page.getByRole('table', { name: 'Group ratios' }).getByText('default').waitFor();
      await screenshot('public-pricing');
      // The API itself answers anyone.
      const response = await page.request.get(`${gateway.baseUrl}/api/public/pricing`);
      expect(response.status()).toBe(200);
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    });

    it('signs up with the invite link and lands signed in with the quota', async () => {
      await page.goto(inviteLink);
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      const code = new URL(inviteLink).searchParams.get('invite') ?? '';
      const inviteField = page.getByLabel('Invite code', { exact: true });
      expect(await inviteField.inputValue()).toBe(code);
      await page.getByLabel('Username', { exact: true }).fill('newbie');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Use at least 8 characters').waitFor();
      await page.getByLabel('Password', { exact: true }).fill('newbie-password');
      // An unknown code is the server's 400 on that field; nobody is created.
      await inviteField.fill('not-a-code');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('No such invite code').waitFor();
      await inviteField.fill(code);
      await screenshot('sign-up');
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      await expect
        .poll(() => page.getByTestId('remaining-quota').textContent())
        .toBe((NEW_USER_QUOTA + INVITEE_QUOTA).toLocaleString('en-US'));
      // A plain user: no admin pages.
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, 'root', ROOT_PASSWORD);
    });

    it('root bulk-disables, re-enables and deletes channels', async () => {
      for (const name of ['alpha', 'beta'])
        await callAdminApi(dashboard, 'POST', '/api/channels', {
          type: 'openai',
          name,
          key: UPSTREAM_KEY,
          baseUrl: dashboard.upstream.baseUrl,
          allowPrivateNetwork: true,
          models: ['gpt-4o-mini'],
        });
      await openNav('Channels');
      const table = page.getByRole('table', { name: 'Channels' });
      const alpha = table.getByRole('row').filter({ hasText: 'alpha' });
      const beta = table.getByRole('row').filter({ hasText: 'beta' });
      await alpha.waitFor();

      await page.getByLabel('Select alpha', { exact: true }).check();
      await page.getByRole('button', { name: 'Disable selected' }).click();
      await page.getByText('Disabled 1 channel.').waitFor();
      await alpha.getByText('manually disabled').waitFor();
      expect(await beta.getByText('enabled', { exact: true }).count()).toBe(1);
      // The selection is cleared after an action.
      expect(await page.getByLabel('Select alpha', { exact: true }).isChecked()).toBe(false);

      await page.getByLabel('Select all channels').check();
      await page.getByRole('button', { name: 'Enable selected' }).click();
      await page
        .getByText('Enabled 1 of 2 channels; the other one was already enabled or is gone.')
        .waitFor();
      await alpha.getByText('enabled', { exact: true }).waitFor();
      await screenshot('channels-bulk');

      await page.getByLabel('Select beta', { exact: true }).check();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete selected' }).click();
      await page.getByText('Deleted 1 channel.').waitFor();
      await expect.poll(() => beta.count()).toBe(0);
    });

    it('root reveals a channel’s keys with the password, once', async () => {
      const alpha = page.getByRole('table', { name: 'Channels' }).getByRole('row').filter({
        hasText: 'alpha',
      });
      await alpha.getByRole('button', { name: 'Reveal keys' }).click();
      const dialog = page.getByRole('dialog', { name: 'Keys of “alpha”' });
      await dialog.getByLabel('Your password', { exact: true }).fill('wrong-password');
      await dialog.getByRole('button', { name: 'Reveal' }).click();
      await dialog.getByText('Wrong password').waitFor();
      await screenshot('reveal-keys');
      expect(await page.content()).not.toContain(UPSTREAM_KEY);

      await dialog.getByLabel('Your password', { exact: true }).fill(ROOT_PASSWORD);
      await dialog.getByRole('button', { name: 'Reveal' }).click();
      await dialog.getByText(UPSTREAM_KEY, { exact: true }).waitFor();
      await dialog.getByRole('button', { name: 'Copy' }).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      // The closed <dialog> is hidden at once, and unmounted (the keys with it) when its
      // close event has reached React: a moment later, not in the same tick.
      await expect.poll(async () => (await page.content()).includes(UPSTREAM_KEY)).toBe(false);

      // A type without a balance endpoint is not offered one (rough-edges.e2e.test.ts shows
      // a type with one).
      expect(await alpha.getByRole('button', { name: 'Balance' }).count()).toBe(0);
    });

    it('root creates an API key for the new user, shown once', async () => {
      await openNav('Users');
      const row = page.getByRole('row').filter({ hasText: 'newbie' });
      await row.getByRole('button', { name: 'Create API key' }).click();
      const form = page.getByRole('form', { name: 'New API key for newbie' });
      await form.getByLabel('Name', { exact: true }).fill('for newbie');
      await form.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('heading', { name: 'New key “for newbie” for newbie' }).waitFor();
      const key = (await page.getByTestId('created-key').textContent()) ?? '';
      expect(key).toMatch(/^sk-[A-Za-z0-9]{48}$/);
      await screenshot('user-key');
      // The key is newbie's: it works, and root's own key list does not have it.
      const models = await fetch(`${gateway.baseUrl}/v1/models`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(models.status).toBe(200);
      await page.getByRole('button', { name: 'I have saved it' }).click();
      await openNav('API keys');
      await page.getByText('No API keys yet').waitFor();
    });

    it('exports the logs with the filters shown, and the recharge codes, as CSV', async () => {
      await openNav('Logs');
      await page.getByLabel('Type', { exact: true }).selectOption('audit');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const link = page.getByRole('link', { name: 'Export CSV' });
      expect(await link.getAttribute('href')).toBe('/api/logs/export.csv?type=audit');
      const [logs] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(logs.suggestedFilename()).toMatch(/^logs-\d{4}-\d{2}-\d{2}\.csv$/);
      const [header, ...rows] = (await readDownload(logs)).trimEnd().split('\n');
      expect(header).toMatch(/^id,created_at,type,user_id,/);
      // The two reveal attempts, and only audit rows.
      expect(rows.filter((row) => row.includes('keys refused (Wrong password)'))).toHaveLength(1);
      expect(rows.filter((row) => row.includes('keys revealed to user'))).toHaveLength(1);
      expect(rows.every((row) => row.split(',')[2] === 'audit')).toBe(true);
      expect(rows.join('\n')).not.toContain(UPSTREAM_KEY);

      await openNav('Recharge codes');
      const codes = page.getByRole('link', { name: 'Export CSV' });
      const [download] = await Promise.all([page.waitForEvent('download'), codes.click()]);
      expect((await readDownload(download)).split('\n')[0]).toBe(
        'id,name,status,quota,expires_at,created_by,created_at,redeemed_by,redeemed_at',
      );
    });

    it('had no CSP violation and ran no markup along the way', async () => {
      expect(await xssRan()).toBe(false);
      expect(cspViolations).toEqual([]);
    });
  },
);
