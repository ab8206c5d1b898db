import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, browserSuiteTitle, hasBrowser, signIn, useDashboard } from './harness';
import { REVOKED_KEY } from './mock-upstream';
import type { RunningGateway } from './start-gateway';

const ROOT_PASSWORD = 'root-password-edges';
const NAV_PAGES = [
  ['Overview', 'Overview'],
  ['Channels', 'Channels'],
  ['Prices', 'Prices'],
  ['API keys', 'API keys'],
  ['Playground', 'Playground'],
  ['Users', 'Users'],
  ['Logs', 'Logs'],
  ['Recharge codes', 'Recharge codes'],
  ['Settings', 'Settings'],
  ['Audit log', 'Audit log'],
  ['Account', 'Account'],
] as const;

/**
 * What a page reports that a visitor's console would show: console errors, uncaught
 * exceptions, failed requests and any 4xx/5xx answer.
 */
function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return {
    problems,
    /** Starts a new check: what came before (errors a test provoked on purpose) is dropped. */
    reset: () => problems.splice(0),
  };
}

// Issue 18's rough edges: a clean console signed in and out, Balance only where a provider
// has one, the Playground's one key and its labels and errors, editing users and keys, names
// in the logs, and an auto-disabled channel's reason.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('the dashboard’s rough edges in a real browser'),
  () => {
    const dashboard = useDashboard();
    const { openNav } = dashboard;
    let gateway: RunningGateway;
    let page: Page;
    let watch: ReturnType<typeof watchConsole>;

    /** The admin API as the signed-in page, any method; answers the status and body. */
    const adminCall = async (method: string, path: string, body?: unknown) => {
      const self = await page.request.get(`${gateway.baseUrl}/api/auth/session`);
      const { csrfToken } = (await self.json()) as { csrfToken: string };
      const response = await page.request.fetch(`${gateway.baseUrl}${path}`, {
        method,
        headers: { 'x-csrf-token': csrfToken },
        ...(body !== undefined && { data: body }),
      });
      const text = await response.text();
      return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : null };
    };
    const mustCall = async (method: string, path: string, body?: unknown) => {
      const result = await adminCall(method, path, body);
      if (result.status >= 400)
        throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body as Record<string, unknown>;
    };
    const heading = (name: string) => page.getByRole('heading', { name, level: 1 });

    beforeAll(() => {
      ({ gateway, page } = dashboard);
      watch = watchConsole(page);
    });

    it('signed out: set-up and sign-in log nothing and request nothing that fails', async () => {
      await page.goto(`${gateway.baseUrl}/`);
      await page.getByRole('heading', { name: 'Set up oneapi' }).waitFor();
      await page.getByLabel('Setup token', { exact: true }).fill(gateway.setupToken);
      await page.getByLabel('Username', { exact: true }).fill('root');
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Create root account' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      for (const path of ['/', '/logs', '/no-such-page']) {
        const probe = page.waitForResponse((response) =>
          response.url().endsWith('/api/auth/session'),
        );
        await page.goto(`${gateway.baseUrl}${path}`);
        expect((await probe).status()).toBe(200);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        await page.waitForLoadState('networkidle');
      }
      // The icon the page links to is served (Chromium asks for it on its own, too).
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      const served = await page.request.get(`${gateway.baseUrl}${icon}`);
      expect(served.status()).toBe(200);
      expect(served.headers()['content-type']).toContain('image/svg+xml');
      expect(watch.problems).toEqual([]);
    });

    it('signed in: every page logs nothing and requests nothing that fails', async () => {
      await page.goto(`${gateway.baseUrl}/`);
      await signIn(page, 'root', ROOT_PASSWORD);
      for (const [link, title] of NAV_PAGES) {
        await openNav(link);
        await heading(title).waitFor();
        await page.waitForLoadState('networkidle');
      }
      // networkidle is the first load's state, long reached: wait for the last page's own
      // data, or the reload cancels its request (a 'failed' request of the test's making).
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      // Reloaded, the last page asks who is signed in again: still no error.
      await page.reload();
      await heading(NAV_PAGES.at(-1)?.[1] ?? '').waitFor();
      await page.waitForLoadState('networkidle');
      expect(watch.problems).toEqual([]);
      // Signing out lands on the sign-in page, quietly too.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(watch.problems).toEqual([]);
      // Signing in lands on the page asked for (the last one): start again from the Overview.
      await page.goto(`${gateway.baseUrl}/`);
      await signIn(page, 'root', ROOT_PASSWORD);
    });

    it('offers Balance only on channels whose provider has a balance endpoint', async () => {
      const { upstream } = dashboard;
      await mustCall('POST', '/api/channels', {
        type: 'openai',
        name: 'plain-openai',
        key: 'sk-upstream-edges-1111',
        baseUrl: upstream.baseUrl,
        allowPrivateNetwork: true,
        models: ['gpt-4o-mini', 'mock-extra'],
      });
      await mustCall('POST', '/api/channels', {
        type: 'deepseek',
        name: 'deepseek-balance',
        key: 'sk-upstream-edges-2222',
        baseUrl: upstream.baseUrl,
        allowPrivateNetwork: true,
        models: ['deepseek-chat'],
      });
      await openNav('Channels');
      const table = page.getByRole('table', { name: 'Channels' });
      const row = (name: string) => table.getByRole('row').filter({ hasText: name });
      const balance = { name: 'Balance', exact: true };
      await row('deepseek-balance').getByRole('button', balance).waitFor();
      expect(await row('plain-openai').getByRole('button', balance).count()).toBe(0);
    });

    it('Playground: a quota refusal says how to top up, with no empty bubble', async () => {
      // Offered in the Playground only once it has a price.
      await mustCall('PUT', '/api/prices/models/mock-extra', {
        inputPerMillion: 1,
        outputPerMillion: 2,
      });
      await openNav('Playground');
      const model = page.getByLabel('Model', { exact: true });
      await model.waitFor();
      await model.selectOption('gpt-4o-mini');
      await page.getByLabel('Message', { exact: true }).fill('first try');
      await page.getByRole('button', { name: 'Send' }).click();
      const log = page.getByRole('log', { name: 'Conversation' });
      await log.getByRole('alert').waitFor();
      expect(await log.getByRole('alert').textContent()).toContain('(403)');
      expect(await page.getByTestId('quota-hint').textContent()).toContain('Users page');
      expect(await log.getByText('(no text)').count()).toBe(0);
    });

    it('Playground: replies keep the model that answered; one key across visits', async () => {
      const root = (await mustCall('GET', '/api/user/self')) as { id: number };
      await mustCall('POST', `/api/users/${root.id}/quota`, {
        amount: 1_000_000,
        idempotencyKey: 'edges-root-top-up',
        reason: 'e2e',
      });
      const log = page.getByRole('log', { name: 'Conversation' });
      const roles = () => log.locator('.chat-assistant .chat-role').allTextContents();
      await page.getByLabel('Message', { exact: true }).fill('second try');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.getByTestId('assistant-reply').last().textContent())
        .toContain('You said: second try');
      await page.getByLabel('Model', { exact: true }).selectOption('mock-extra');
      // Picking another model does not relabel what gpt-4o-mini wrote.
      expect((await roles()).at(-1)).toBe('gpt-4o-mini');
      await page.getByLabel('Message', { exact: true }).fill('third try');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(async () => (await roles()).at(-1)).toBe('mock-extra');
      expect((await roles()).at(-2)).toBe('gpt-4o-mini');

      // A new visit (a new tab starts with empty sessionStorage) reuses the one key, rotated...
      const storedKey = () => page.evaluate(() => sessionStorage.getItem('oneapi.playground-key'));
      const firstSecret = await storedKey();
      expect(firstSecret).toContain('sk-');
      await page.evaluate(() => sessionStorage.clear());
      await page.reload();
      await page.getByLabel('Message', { exact: true }).fill('a new visit');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.getByTestId('assistant-reply').last().textContent())
        .toContain('a new visit');
      expect(await storedKey()).not.toBe(firstSecret);
      // ...and a tab still holding the rotated-away secret gets a fresh one and carries on.
      await page.evaluate(
        (stored) => sessionStorage.setItem('oneapi.playground-key', stored),
        firstSecret!,
      );
      await page.reload();
      await page.getByLabel('Message', { exact: true }).fill('an old tab');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.getByTestId('assistant-reply').last().textContent())
        .toContain('an old tab');
      await openNav('API keys');
      const keys = page.getByRole('table', { name: 'API keys' });
      await keys.getByText('playground', { exact: true }).waitFor();
      expect(await keys.getByText('playground', { exact: true }).count()).toBe(1);
    });

    it('Users: edits, disables and deletes a user; nobody demotes or disables themselves', async () => {
      await mustCall('POST', '/api/users', { username: 'edith', password: 'edith-password' });
      await openNav('Users');
      const table = page.getByRole('table', { name: 'Users' });
      const row = (name: string) => table.getByRole('row').filter({ hasText: name });
      await row('edith').getByRole('button', { name: 'Edit edith' }).click();
      const form = page.getByRole('form', { name: 'Edit edith' });
      await form.getByLabel('Display name', { exact: true }).fill('Edith Editor');
      await form.getByLabel('Email', { exact: true }).fill('edith@example.com');
      await form.getByLabel('Group', { exact: true }).fill('vip');
      await form.getByLabel('Status', { exact: true }).selectOption('disabled');
      await form.getByLabel('New password', { exact: true }).fill('edith-new-password');
      await form.getByRole('button', { name: 'Save user' }).click();
      await row('Edith Editor').getByText('vip', { exact: true }).waitFor();
      await row('Edith Editor').getByText('disabled', { exact: true }).waitFor();

      // Root's own row: role and status are not offered, and the server refuses them anyway.
      await row('Root').getByRole('button', { name: 'Edit root' }).click();
      const own = page.getByRole('form', { name: 'Edit root' });
      expect(await own.getByLabel('Role', { exact: true }).isDisabled()).toBe(true);
      expect(await own.getByLabel('Status', { exact: true }).isDisabled()).toBe(true);
      await own.getByRole('button', { name: 'Cancel' }).click();
      const root = (await mustCall('GET', '/api/user/self')) as { id: number };
      const demote = await adminCall('PATCH', `/api/users/${root.id}`, { role: 'admin' });
      expect(demote).toMatchObject({
        status: 403,
        body: { error: { message: 'You cannot change your own role' } },
      });
      expect(await row('Root').getByRole('button', { name: 'Delete root' }).count()).toBe(0);

      // The actions column fits a 1,280 px screen without scrolling sideways.
      const overflow = await page
        .locator('.table-scroll')
        .evaluate((element) => element.scrollWidth - element.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      page.once('dialog', (dialog) => void dialog.accept());
      await row('edith').getByRole('button', { name: 'Delete edith' }).click();
      await expect.poll(() => row('edith').count()).toBe(0);
    });

    it('Keys: edits name, quota, expiry and both allowlists', async () => {
      await openNav('API keys');
      await page.getByRole('button', { name: 'New key' }).click();
      await page.getByLabel('Name', { exact: true }).fill('edges-key');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('button', { name: 'I have saved it' }).click();
      const table = page.getByRole('table', { name: 'API keys' });
      await table.getByRole('button', { name: 'Edit edges-key' }).click();
      const form = page.getByRole('form', { name: 'Edit key edges-key' });
      await form.getByLabel('Name', { exact: true }).fill('edges-key-2');
      await form.getByRole('checkbox').uncheck();
      await form.getByLabel('Quota', { exact: true }).fill('1234');
      const nextYear = new Date().getFullYear() + 1;
      await form.getByLabel('Expires on', { exact: true }).fill(`${nextYear}-06-30`);
      await form.getByLabel('Allowed models', { exact: true }).fill('gpt-4o-mini');
      await form.getByLabel('Allowed IP addresses', { exact: true }).fill('127.0.0.1, 10.0.0.0/8');
      await form.getByRole('button', { name: 'Save key' }).click();
      const row = table.getByRole('row').filter({ hasText: 'edges-key-2' });
      await row.getByText('1,234', { exact: true }).waitFor();
      await row.getByText('gpt-4o-mini', { exact: true }).waitFor();
      expect(await row.textContent()).toContain(String(nextYear));
      const { items } = (await mustCall('GET', '/api/tokens')) as {
        items: { name: string; allowedIps: string[] | null }[];
      };
      expect(items.find((token) => token.name === 'edges-key-2')?.allowedIps).toEqual([
        '127.0.0.1',
        '10.0.0.0/8',
      ]);
    });

    it('Logs: names the user, key and channel, and filters by username', async () => {
      await openNav('Logs');
      const table = page.getByRole('table', { name: 'Logs' });
      const consumed = table.getByRole('row').filter({ hasText: 'playground' }).first();
      await consumed.waitFor();
      const text = (await consumed.textContent()) ?? '';
      expect(text).toContain('root');
      expect(text).toMatch(/plain-openai|deepseek-balance/);
      await page.getByLabel('User', { exact: true }).fill('nobody');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('No log entries match.').waitFor();
      await page.getByLabel('User', { exact: true }).fill('root');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await consumed.waitFor();
    });

    it('an auto-disabled channel shows why, not "not tested"', async () => {
      const { upstream } = dashboard;
      await mustCall('POST', '/api/channels', {
        type: 'openai',
        name: 'revoked-channel',
        key: REVOKED_KEY,
        baseUrl: upstream.baseUrl,
        allowPrivateNetwork: true,
        models: ['revoked-model'],
      });
      await mustCall('PUT', '/api/prices/models/revoked-model', {
        inputPerMillion: 1,
        outputPerMillion: 2,
      });
      const { key } = (await mustCall('POST', '/api/tokens', {
        name: 'edges-relay',
        unlimitedQuota: true,
      })) as { key: string };
      // The upstream refuses the channel's only key: health retires it and the channel.
      const chat = await page.request.post(`${gateway.baseUrl}/v1/chat/completions`, {
        headers: { authorization: `Bearer ${key}` },
        data: { model: 'revoked-model', messages: [{ role: 'user', content: 'hi' }] },
      });
      expect(chat.status()).toBeGreaterThanOrEqual(400);
      await openNav('Channels');
      const row = page
        .getByRole('table', { name: 'Channels' })
        .getByRole('row')
        .filter({ hasText: 'revoked-channel' });
      await expect
        .poll(
          async () => {
            await page.reload();
            await row.waitFor();
            return row.textContent();
          },
          { timeout: 15_000 },
        )
        .toMatch(/auto disabled.*invalid_api_key|auto disabled.*Incorrect API key/s);
      expect(await row.textContent()).not.toContain('not tested');
      expect(await row.textContent()).not.toContain(REVOKED_KEY);
    });

    it('with all that data, every page is still quiet', async () => {
      await page.goto(`${gateway.baseUrl}/`);
      await heading('Overview').waitFor();
      watch.reset();
      for (const [link, title] of NAV_PAGES) {
        await openNav(link);
        await heading(title).waitFor();
        await page.waitForLoadState('networkidle');
      }
      expect(watch.problems).toEqual([]);
    });

    it('signed out with sign-up and public prices on: those pages are quiet too', async () => {
      await mustCall('PATCH', '/api/settings', { registrationEnabled: true, publicPricing: true });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      watch.reset();
      await page.goto(`${gateway.baseUrl}/sign-up`);
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.goto(`${gateway.baseUrl}/pricing`);
      await page.getByRole('heading', { name: 'Models and prices' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(watch.problems).toEqual([]);
    });
  },
);
