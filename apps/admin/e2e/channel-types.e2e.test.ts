import { generateKeyPairSync } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, browserSuiteTitle, hasBrowser, setUpRoot, useDashboard } from './harness';
import { type MockProviders, startMockProviders } from './mock-providers';

interface Provider {
  id: string;
  name: string;
  configFields: { name: string; label: string; required: boolean }[];
}

const MODEL = 'e2e-model';

/** What the test types for a required provider setting, by its name. */
const SETTING_VALUES: Record<string, string> = { region: 'us-east-1', accountId: 'acct-e2e' };

/** A channel key in the shape each provider reads (most: any text). */
function keyFor(type: string): string {
  if (type === 'bedrock') return 'AKIDE2EEXAMPLE:e2e/secret/access/key';
  if (type === 'vertex') {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return JSON.stringify({
      type: 'service_account',
      project_id: 'e2e-project',
      client_email: 'e2e@e2e-project.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    });
  }
  return `sk-e2e-${type}-0001`;
}

/**
 * Every provider type GET /api/providers lists, created from the dashboard with its required
 * settings and tested from it against one mock upstream that speaks every format.
 */
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('every channel type from the dashboard'),
  () => {
    let mock: MockProviders;
    // Registered first, so the mock is up when the dashboard's hook starts the gateway.
    beforeAll(async () => {
      mock = await startMockProviders();
    });
    const dashboard = useDashboard({ env: () => ({ VERTEX_TOKEN_URL: mock.tokenUrl }) });
    let page: Page;
    let providers: Provider[];

    beforeAll(async () => {
      await setUpRoot(dashboard, 'root-password-e2e');
      page = dashboard.page;
      const answer = await page.request.get(`${dashboard.gateway.baseUrl}/api/providers`);
      providers = ((await answer.json()) as { items: Provider[] }).items;
    });
    afterAll(async () => mock?.close());

    const openNewChannelForm = async () => {
      await page.getByRole('button', { name: 'New channel' }).click();
      return page.getByRole('form', { name: 'New channel' });
    };

    it("shows the server's 400 beside a missing required setting", async () => {
      await dashboard.openNav('Channels');
      const form = await openNewChannelForm();
      await form.getByLabel('Type', { exact: true }).selectOption('bedrock');
      await form.getByLabel('Name', { exact: true }).fill('bedrock-without-region');
      await form.getByLabel('Keys', { exact: true }).fill(keyFor('bedrock'));
      await form.getByLabel('Models', { exact: true }).fill(MODEL);
      await form.getByLabel('Base URL', { exact: true }).fill(mock.baseUrlFor('bedrock-first'));
      await form.getByLabel('Allow a base URL on a private network').check();
      await form.locator('summary', { hasText: 'Header and parameter overrides' }).click();
      await form.getByRole('button', { name: 'Add row' }).nth(1).click();
      await form.getByLabel('Header 1', { exact: true }).fill('x-amzn-bedrock-trace');
      await form.getByLabel('Value 1', { exact: true }).fill('ENABLED');
      const region = form.getByLabel('Region (required)', { exact: true });
      expect(await region.getAttribute('required')).not.toBeNull();
      await form.getByRole('button', { name: 'Create channel' }).click();
      const field = form.locator('.field-invalid', { hasText: 'Region (required)' });
      await field.getByText('AWS Bedrock requires Region').waitFor();
      await dashboard.screenshot('channel-form', form);
      // Filled in, the same form goes through.
      await region.fill('us-east-1');
      await form.getByRole('button', { name: 'Create channel' }).click();
      await page
        .getByRole('table', { name: 'Channels' })
        .getByText('bedrock-without-region')
        .waitFor();
    });

    it('creates and tests one channel of every provider type', async () => {
      expect(providers.length).toBeGreaterThanOrEqual(38);
      const table = page.getByRole('table', { name: 'Channels' });
      for (const provider of providers) {
        const form = await openNewChannelForm();
        await form.getByLabel('Type', { exact: true }).selectOption(provider.id);
        await form.getByLabel('Name', { exact: true }).fill(`every-${provider.id}`);
        await form.getByLabel('Keys', { exact: true }).fill(keyFor(provider.id));
        await form.getByLabel('Base URL', { exact: true }).fill(mock.baseUrlFor(provider.id));
        await form.getByLabel('Models', { exact: true }).fill(MODEL);
        for (const field of provider.configFields.filter((field) => field.required)) {
          const value = SETTING_VALUES[field.name];
          expect(value, `a value for ${provider.id}'s ${field.name}`).toBeDefined();
          await form.getByLabel(`${field.label} (required)`, { exact: true }).fill(value!);
        }
        await form.getByLabel('Allow a base URL on a private network').check();
        await form.getByRole('button', { name: 'Create channel' }).click();
        await table.getByText(`every-${provider.id}`, { exact: true }).waitFor();
      }

      const failures: string[] = [];
      for (const provider of providers) {
        const row = table.getByRole('row').filter({
          has: page.getByText(`every-${provider.id}`, { exact: true }),
        });
        await row.getByRole('button', { name: 'Test', exact: true }).click();
        const badge = row.locator('.badge', { hasText: /^(ok|failed)$/ });
        await badge.waitFor();
        if ((await badge.textContent()) !== 'ok')
          failures.push(`${provider.id}: ${await row.textContent()}`);
      }
      expect(failures).toEqual([]);
      const tested = new Set(mock.calls.map((call) => call.type));
      for (const provider of providers)
        expect(tested.has(provider.id), `${provider.id} reached its upstream`).toBe(true);
    });
  },
);
