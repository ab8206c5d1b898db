import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, browserSuiteTitle, hasBrowser, useDashboard } from './harness';
import type { MockUpstream } from './mock-upstream';
import { UPSTREAM_MODELS } from './mock-upstream';
import type { RunningGateway } from './start-gateway';

// Rendered as text it is harmless; parsed as HTML it would set window.__xss.
const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">Main';
// The mock upstream echoes the prompt: this makes the "model" answer with markup.
const HOSTILE_PROMPT = '<img src=x onerror="window.__xss=2"><b>bold</b>';
const STREAMED_PREFIX = 'Streamed from the mock upstream. You said: ';
const UPSTREAM_KEY = 'sk-upstream-e2e-1234';
const ROOT_PASSWORD = 'root-password-e2e';
const TOP_UP = 1_000_000;
const CODE_QUOTA = 250_000;

// Settings, sign-up, invites, bulk actions, key reveal and exports: site.e2e.test.ts.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('dashboard in a real browser'),
  () => {
    const dashboard = useDashboard();
    const { screenshot, openNav, cspViolations } = dashboard;
    let gateway: RunningGateway;
    let upstream: MockUpstream;
    let page: Page;

    beforeAll(() => {
      ({ gateway, upstream, page } = dashboard);
    });

    it('serves the dashboard under a strict CSP', async () => {
      const response = await page.goto(`${gateway.baseUrl}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    });

    it('runs first-run setup and signs in', async () => {
      await page.getByRole('heading', { name: 'Set up oneapi' }).waitFor();
      await screenshot('setup');
      await page.getByLabel('Setup token', { exact: true }).fill(gateway.setupToken);
      await page.getByLabel('Username', { exact: true }).fill('root');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create root account' }).click();
      // Client-side validation mirrors the server: nothing is sent for a short password.
      await page.getByText('Use at least 8 characters').waitFor();
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Create root account' }).click();

      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Username', { exact: true }).fill('root');
      await page.getByLabel('Password', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('Wrong username or password').waitFor();
      await screenshot('sign-in');
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
    });

    it('creates a channel and shows its markup name as text', async () => {
      await openNav('Channels');
      await page.getByText('No channels yet').waitFor();
      await page.getByRole('button', { name: 'New channel' }).click();
      await page.getByLabel('Name', { exact: true }).fill(HOSTILE_NAME);
      await page.getByLabel('Keys', { exact: true }).fill(UPSTREAM_KEY);
      await page.getByLabel('Base URL', { exact: true }).fill(upstream.baseUrl);
      await page.getByLabel('Models', { exact: true }).fill('gpt-4o-mini');
      // Without the checkbox the server refuses a private base URL, next to that field.
      await page.getByRole('button', { name: 'Create channel' }).click();
      await expect
        .poll(() => page.locator('.field-invalid').getByLabel('Base URL', { exact: true }).count())
        .toBe(1);
      await page.getByLabel('Allow a base URL on a private network').check();
      await page.getByRole('button', { name: 'Create channel' }).click();

      const table = page.getByRole('table', { name: 'Channels' });
      await table.getByText(HOSTILE_NAME, { exact: true }).waitFor();
      await table.getByText('****1234').waitFor();
      expect(await table.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.content()).not.toContain(UPSTREAM_KEY);
    });

    it('tests the channel and picks a model from the upstream’s list', async () => {
      const table = page.getByRole('table', { name: 'Channels' });
      const row = table.getByRole('row').filter({ hasText: HOSTILE_NAME });
      await row.getByRole('button', { name: 'Test', exact: true }).click();
      await row.locator('.badge', { hasText: /^ok$/ }).waitFor();
      expect(await row.textContent()).toMatch(/ok\s*\d[\d,]* ms/);

      await row.getByRole('button', { name: 'Edit' }).click();
      const models = page.getByLabel('Models', { exact: true });
      expect(await models.inputValue()).toBe('gpt-4o-mini');
      // Keys are write-only: editing starts with an empty box, and leaving it empty keeps them.
      expect(await page.getByLabel('Keys', { exact: true }).inputValue()).toBe('');
      await page.getByRole('button', { name: 'Fetch models' }).click();
      const picker = page.getByRole('group', { name: /Upstream models/ });
      await picker.waitFor();
      for (const model of UPSTREAM_MODELS) await picker.getByText(model, { exact: true }).waitFor();
      expect(await picker.getByLabel('gpt-4o-mini', { exact: true }).isChecked()).toBe(true);
      await picker.getByLabel('mock-extra', { exact: true }).check();
      expect(await models.inputValue()).toBe('gpt-4o-mini, mock-extra');
      await page.getByRole('button', { name: 'Save channel' }).click();
      await row.getByText('gpt-4o-mini, mock-extra').waitFor();

      // Test all runs channel after channel; the row shows its result when it is known.
      await page.getByRole('button', { name: 'Test all' }).click();
      await page.getByRole('button', { name: 'Test all' }).waitFor();
      await row.locator('.badge', { hasText: /^ok$/ }).waitFor();
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      // With the test column, the table still fits a laptop screen without scrolling sideways.
      const overflow = await page
        .locator('.table-scroll')
        .evaluate((element) => element.scrollWidth - element.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot('channels');
    });

    let apiKey = '';

    it('creates an API key and shows it once', async () => {
      await openNav('API keys');
      await page.getByRole('button', { name: 'New key' }).click();
      await page.getByLabel('Name', { exact: true }).fill('e2e laptop');
      await page.getByRole('button', { name: 'Create key' }).click();
      apiKey = (await page.getByTestId('created-key').textContent()) ?? '';
      expect(apiKey).toMatch(/^sk-[A-Za-z0-9]{48}$/);
      expect(await page.locator('.snippet pre').first().textContent()).toContain(
        `Authorization: Bearer ${apiKey}`,
      );
      await screenshot('tokens');
      await page.getByRole('button', { name: 'I have saved it' }).click();
      await page.reload();
      await page.getByRole('table', { name: 'API keys' }).getByText('e2e laptop').waitFor();
      expect(await page.content()).not.toContain(apiKey);
    });

    it('tops up root’s quota from the Users page', async () => {
      await openNav('Users');
      const rootRow = page.getByRole('row').filter({ hasText: 'root' });
      await rootRow.getByRole('button', { name: 'Top up' }).click();
      await page.getByLabel('Amount', { exact: true }).fill(String(TOP_UP));
      await page.getByLabel('Reason', { exact: true }).fill('e2e top-up');
      await page.getByRole('button', { name: 'Apply' }).click();
      await rootRow.getByText('1,000,000').waitFor();
      await screenshot('users');
    });

    it('streams a reply in the Playground, with its markup shown as text', async () => {
      await openNav('Playground');
      const model = page.getByLabel('Model', { exact: true });
      await model.waitFor();
      // The channel serves both, but only gpt-4o-mini has a price: the Playground offers what
      // /v1/models lists, the models a request would be accepted for.
      expect(await model.locator('option').allTextContents()).toEqual(['gpt-4o-mini']);
      await model.selectOption('gpt-4o-mini');
      const reply = page.getByTestId('assistant-reply').last();
      // The reply is seen growing: the upstream holds the stream after its first words, which
      // must show, with the typing cursor, before it goes on.
      const releaseStream = upstream.holdStreams();
      await page.getByLabel('Message', { exact: true }).fill('Say hello');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => reply.textContent(), { timeout: 30_000 }).toBe('Streamed ▍');
      releaseStream();
      await expect
        .poll(() => reply.textContent(), { timeout: 30_000 })
        .toBe(`${STREAMED_PREFIX}Say hello`);
      await expect
        .poll(() => page.getByTestId('chat-usage').textContent())
        .toBe('12 prompt + 34 completion = 46 tokens');

      await page.getByLabel('Message', { exact: true }).fill(HOSTILE_PROMPT);
      await page.getByLabel('Message', { exact: true }).press('Enter');
      await expect.poll(() => reply.textContent()).toBe(`${STREAMED_PREFIX}${HOSTILE_PROMPT}`);
      const log = page.getByRole('log', { name: 'Conversation' });
      expect(await log.locator('img, b').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await screenshot('playground');

      // The key lives in this tab's sessionStorage and is reused: one "playground" key only.
      await page.reload();
      await page.getByLabel('Model', { exact: true }).waitFor();
      await openNav('API keys');
      const keys = page.getByRole('table', { name: 'API keys' });
      await keys.getByText('e2e laptop').waitFor();
      expect(await keys.getByText('playground', { exact: true }).count()).toBe(1);
    });

    it('relays a chat with the key and shows the quota it cost', async () => {
      const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'Hello' }],
        }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const completion = (await response.json()) as {
        choices: { message: { content: string } }[];
      };
      expect(completion.choices[0]?.message.content).toBe('Hello from the mock upstream');
      // Tests, the model list, the Playground and this chat: all with the channel's key.
      expect(new Set(upstream.authorizations)).toEqual(new Set([`Bearer ${UPSTREAM_KEY}`]));

      await expect
        .poll(
          async () => {
            await page.goto(`${gateway.baseUrl}/`);
            const text = await page.getByTestId('remaining-quota').textContent();
            return Number(text?.replaceAll(',', ''));
          },
          { timeout: 10_000 },
        )
        .toBeLessThan(TOP_UP);
    });

    it('draws usage charts on the Overview after traffic', async () => {
      const requests = page.getByRole('img', { name: /^Requests per hour/ });
      // The hourly rollups are written when a request is settled: reload until they show.
      await expect
        .poll(
          async () => {
            await page.goto(`${gateway.baseUrl}/`);
            await page
              .getByRole('img', { name: /^Requests per hour/ })
              .or(page.getByText('No requests in the last 24 hours.'))
              .first()
              .waitFor();
            return requests.count();
          },
          { timeout: 10_000 },
        )
        .toBe(1);
      expect(await requests.locator('circle').count()).toBe(24);
      const spend = page.getByRole('img', { name: /^Spend by model per hour/ });
      expect(await spend.locator('rect').count()).toBeGreaterThan(0);
      await page.getByRole('list', { name: 'Legend' }).getByText('gpt-4o-mini').waitFor();

      await page.getByRole('button', { name: '7 days' }).click();
      await page.getByRole('img', { name: /^Requests per 6 hours/ }).waitFor();
      // Split by channel, the legend names channels, as text.
      await page.getByLabel('Split by').selectOption('channel');
      await page.getByRole('img', { name: /^Spend by channel/ }).waitFor();
      await page.getByRole('list', { name: 'Legend' }).getByText(HOSTILE_NAME).waitFor();
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await page.getByLabel('Split by').selectOption('model');
      await page.getByRole('button', { name: '24 hours' }).click();
      await requests.waitFor();
      await screenshot('overview');
    });

    it('opens the usage of one API key and of one user', async () => {
      await openNav('API keys');
      await page.getByRole('link', { name: 'Usage of e2e laptop' }).click();
      await page.getByRole('heading', { name: 'Usage of the key “e2e laptop”' }).waitFor();
      // The relayed chat went through this key.
      await page.getByRole('img', { name: /^Requests per hour/ }).waitFor();
      await openNav('Users');
      await page.getByRole('link', { name: 'Usage of root' }).click();
      await page.getByRole('heading', { name: 'Usage of root' }).waitFor();
      await page.getByRole('img', { name: /^Requests per hour/ }).waitFor();
    });

    it('switches to Chinese, remembers it, and back to English', async () => {
      await openNav('Overview');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      await page.getByRole('heading', { name: '概览' }).waitFor();
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '渠道' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      // Numbers follow the language too, and the choice outlives a reload.
      await page.reload();
      await page.getByRole('heading', { name: '概览' }).waitFor();
      await page.getByRole('heading', { name: '剩余额度' }).waitFor();
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
    });

    it('shows the billed request in the Logs, with its attempt trail', async () => {
      await openNav('Logs');
      const table = page.getByRole('table', { name: 'Logs' });
      const chatRow = table
        .getByRole('row')
        .filter({ hasText: 'gpt-4o-mini' })
        // The relayed chat, not the Playground's streamed ones (12 / 34 tokens).
        .filter({ hasText: '1,000 / 2,000' })
        .filter({ has: page.locator('.badge', { hasText: /^200$/ }) });
      // The log is written after the answer is sent: reload until it is there.
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Apply filters' }).click();
            await table.or(page.getByText('No log entries match.')).first().waitFor();
            return chatRow.count();
          },
          { timeout: 10_000 },
        )
        .toBe(1);
      expect(await chatRow.textContent()).toContain('consume');

      // A filter goes to the server: no request of ours answered 404.
      await page.getByLabel('Status', { exact: true }).fill('404');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('No log entries match.').waitFor();
      await page.getByLabel('Status', { exact: true }).fill('abc');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('Use an HTTP status, 100-599').waitFor();
      await page.getByRole('button', { name: 'Clear' }).click();
      await chatRow.waitFor();

      await chatRow.getByRole('button', { name: 'Details' }).click();
      const detail = page.getByRole('region', { name: 'Log detail' });
      const attempts = detail.getByRole('table', { name: 'Attempts' });
      await attempts.waitFor();
      expect(await attempts.getByRole('row').count()).toBeGreaterThanOrEqual(2);
      await screenshot('logs');
    });

    it('shows the prices, and root overrides one, checked like the server', async () => {
      await openNav('Prices');
      const table = page.getByRole('table', { name: 'Model prices' });
      await table.waitFor();
      await page.getByLabel('Filter models').fill('no-such-model');
      await page.getByText('No model matches.').waitFor();
      await page.getByLabel('Filter models').fill('gpt-4o');
      const row = table
        .getByRole('row')
        .filter({ has: page.getByText('gpt-4o-mini', { exact: true }) });
      await row.getByText('list price').waitFor();
      expect(await row.textContent()).toContain('$0.15 in · $0.6 out');

      await row.getByRole('button', { name: 'Edit' }).click();
      const input = page.getByLabel('Input, $ per 1M tokens', { exact: true });
      await input.fill('-1');
      await page.getByRole('button', { name: 'Save price' }).click();
      await page.getByText('Use a number, 0 or more').waitFor();
      await input.fill('0.2');
      await page.getByLabel('Output, $ per 1M tokens', { exact: true }).fill('0.8');
      await page.getByRole('button', { name: 'Save price' }).click();
      await row.getByText('overridden').waitFor();
      expect(await row.textContent()).toContain('$0.2 in · $0.8 out');

      // A long-prompt tier and an image price, checked like the server: never below the model.
      await row.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Image input, $ per 1M', { exact: true }).fill('0.4');
      const tier = page.getByRole('group', { name: 'Long prompts' });
      await tier.getByLabel('Above, prompt tokens', { exact: true }).fill('128000');
      const tierOutput = tier.getByLabel('Long prompts: Output, $ per 1M tokens', { exact: true });
      await tierOutput.fill('0.5');
      await page.getByRole('button', { name: 'Save price' }).click();
      await page.getByText('Use at least the model’s own price, $0.8').waitFor();
      await tierOutput.fill('1.6');
      await tier.getByLabel('Long prompts: Input, $ per 1M tokens', { exact: true }).fill('0.4');
      await page.getByRole('button', { name: 'Save price' }).click();
      await row.getByText('$0.4 image in').waitFor();
      expect(await row.textContent()).toContain(
        '$0.2 in · $0.8 out · $0.075 cached · $0.4 image in (per 1M tokens); above 128000 tokens: $0.4 in · $1.6 out',
      );
      // Stored as sent: the server's price list, read with the page's session.
      const list = (await (await page.request.get(`${gateway.baseUrl}/api/prices`)).json()) as {
        models: { model: string; price: unknown }[];
      };
      const stored = list.models.find((entry) => entry.model === 'gpt-4o-mini')?.price;
      expect(stored).toEqual({
        inputPerMillion: 0.2,
        outputPerMillion: 0.8,
        cachedInputPerMillion: 0.075,
        imageInputPerMillion: 0.4,
        longContext: { aboveInputTokens: 128_000, inputPerMillion: 0.4, outputPerMillion: 1.6 },
      });
      await page
        .getByRole('table', { name: 'Group ratios' })
        .getByText('default', { exact: true })
        .waitFor();
      await screenshot('prices');

      // Reset: DELETE the override, back to the list price.
      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: 'Reset' }).click();
      await row.getByText('list price').waitFor();
      expect(await row.textContent()).toContain('$0.15 in · $0.6 out');
    });

    let codes: string[] = [];

    it('creates a batch of recharge codes, shown once with a CSV download', async () => {
      await openNav('Recharge codes');
      await page.getByText('No recharge codes yet.').waitFor();
      await page.getByRole('button', { name: 'New codes' }).click();
      await page.getByLabel('Batch name', { exact: true }).fill('e2e batch');
      await page.getByLabel('Quota per code', { exact: true }).fill(String(CODE_QUOTA));
      await page.getByLabel('Number of codes', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Create codes' }).click();
      codes = ((await page.getByTestId('created-codes').textContent()) ?? '').split('\n');
      expect(codes).toHaveLength(2);
      for (const code of codes) expect(code.length).toBeGreaterThanOrEqual(8);

      const link = page.getByRole('link', { name: 'Download CSV' });
      expect(await link.getAttribute('href')).toMatch(/^blob:/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('e2e-batch.csv');
      const csv = readFileSync((await download.path()) ?? '', 'utf8');
      for (const code of codes) expect(csv).toContain(code);

      const table = page.getByRole('table', { name: 'Recharge codes' });
      await expect.poll(() => table.getByText('e2e batch').count()).toBe(2);
      await screenshot('codes');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      expect(await page.content()).not.toContain(codes[0]);
    });

    it('redeems a code on the Overview, once', async () => {
      const readQuota = async () =>
        Number((await page.getByTestId('remaining-quota').textContent())?.replaceAll(',', ''));
      await openNav('Overview');
      await page.getByTestId('remaining-quota').waitFor();
      const before = await readQuota();
      await page.getByLabel('Recharge code', { exact: true }).fill(codes[0] ?? '');
      await page.getByRole('button', { name: 'Redeem' }).click();
      await page.getByText('Added 250,000').waitFor();
      await expect.poll(readQuota).toBe(before + CODE_QUOTA);

      await page.getByLabel('Recharge code', { exact: true }).fill(codes[0] ?? '');
      await page.getByRole('button', { name: 'Redeem' }).click();
      await page.getByRole('alert').getByText('has already been used').waitFor();
      expect(await readQuota()).toBe(before + CODE_QUOTA);

      await openNav('Recharge codes');
      const table = page.getByRole('table', { name: 'Recharge codes' });
      await table.getByText('redeemed', { exact: true }).waitFor();
      const unused = table.getByRole('row').filter({ hasText: 'enabled' });
      await unused.getByRole('button', { name: 'Disable' }).click();
      await table.getByText('disabled', { exact: true }).waitFor();
      // The phone check below starts from the Overview, where the chat test left it.
      await openNav('Overview');
      await page.getByTestId('remaining-quota').waitFor();
    });

    it('fits a 375 px phone and a dark colour scheme', async () => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.reload();
      await page.getByTestId('remaining-quota').waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot('overview-mobile');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'dark' });
      await openNav('Channels');
      await page.getByRole('table', { name: 'Channels' }).waitFor();
      await screenshot('channels-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('signs out, with no CSP violation along the way', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(cspViolations).toEqual([]);
    });
  },
);
