import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, browserSuiteTitle, hasBrowser, setUpRoot, useDashboard } from './harness';
import type { MockUpstream } from './mock-upstream';
import type { RunningGateway } from './start-gateway';

const ROOT_PASSWORD = 'root-password-audit';
const FIRST_KEY = 'sk-audit-e2e-first-1111';
const SECOND_KEY = 'sk-audit-e2e-second-2222';

const readDownload = async (download: Download) =>
  readFileSync((await download.path()) ?? '', 'utf8');

// Issue 18 item 5: a change made in the dashboard shows in the audit log, before and after,
// with the key masked, and exports as CSV.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('the audit log in a real browser'),
  () => {
    const dashboard = useDashboard();
    const { openNav, screenshot, cspViolations } = dashboard;
    let gateway: RunningGateway;
    let upstream: MockUpstream;
    let page: Page;

    beforeAll(async () => {
      ({ gateway, upstream, page } = dashboard);
      await setUpRoot(dashboard, ROOT_PASSWORD);
    });

    it('records a channel created and then changed in the dashboard', async () => {
      await openNav('Channels');
      await page.getByRole('button', { name: 'New channel' }).click();
      await page.getByLabel('Name', { exact: true }).fill('audited');
      await page.getByLabel('Keys', { exact: true }).fill(FIRST_KEY);
      await page.getByLabel('Base URL', { exact: true }).fill(upstream.baseUrl);
      await page.getByLabel('Models', { exact: true }).fill('gpt-4o-mini');
      await page.getByLabel('Allow a base URL on a private network').check();
      await page.getByRole('button', { name: 'Create channel' }).click();
      const table = page.getByRole('table', { name: 'Channels' });
      const row = table.getByRole('row').filter({ hasText: 'audited' });
      await row.getByText('****1111').waitFor();

      await row.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Name', { exact: true }).fill('audited-renamed');
      await page.getByLabel('Keys', { exact: true }).fill(SECOND_KEY);
      await page.getByRole('button', { name: 'Save channel' }).click();
      await table
        .getByRole('row')
        .filter({ hasText: 'audited-renamed' })
        .getByText('****2222')
        .waitFor();
    });

    it('shows the change with who, before and after, the keys masked', async () => {
      await openNav('Audit log');
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await page.getByLabel('Entity', { exact: true }).selectOption('channel');
      await page.getByLabel('Action', { exact: true }).selectOption('update');
      await page.getByRole('button', { name: 'Apply filters' }).click();

      const entries = page.getByRole('table', { name: 'Audit log' });
      await expect.poll(() => entries.getByRole('row').count()).toBe(2); // header and one entry
      const entry = entries.getByRole('row').nth(1);
      expect(await entry.textContent()).toContain('root');
      expect(await entry.textContent()).toContain('changed');
      expect(await entry.textContent()).toMatch(/channel \d+/);
      expect(await entry.textContent()).toMatch(/127\.0\.0\.1/);

      await entry.getByRole('button', { name: 'Changes' }).click();
      const detail = page.getByRole('region', { name: 'Audit entry' });
      const changes = detail.getByRole('table', { name: 'Changes' });
      const field = (name: string) =>
        changes.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
      expect(await field('name').textContent()).toBe('nameauditedaudited-renamed');
      expect(await field('keysMasked').textContent()).toBe('keysMasked["****1111"]["****2222"]');
      // Only what changed: the models stayed.
      expect(await field('models').count()).toBe(0);
      expect(await detail.textContent()).toContain('User agent');
      await screenshot('audit-log');

      const html = await page.content();
      expect(html).not.toContain(FIRST_KEY);
      expect(html).not.toContain(SECOND_KEY);
    });

    it('exports the filtered entries as CSV, keys masked', async () => {
      const link = page.getByRole('link', { name: 'Export CSV' });
      expect(await link.getAttribute('href')).toBe(
        '/api/audit-logs/export.csv?entityType=channel&action=update',
      );
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
      const [header, ...rows] = (await readDownload(download)).trimEnd().split('\n');
      expect(header).toBe(
        'id,created_at,actor_id,actor_name,action,entity_type,entity_id,client_ip,user_agent,before,after',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('****2222');
      expect(rows.join('\n')).not.toContain(SECOND_KEY);
      expect(rows.join('\n')).not.toContain(FIRST_KEY);
    });

    it('had no CSP violation', () => {
      expect(cspViolations).toEqual([]);
      expect(gateway.output()).not.toContain(SECOND_KEY);
    });
  },
);
