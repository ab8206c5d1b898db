import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type MockUpstream, startMockUpstream } from './mock-upstream';
import { assertBuilt, type RunningGateway, startGateway } from './start-gateway';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);
/** REQUIRE_BROWSER=1 turns a missing browser from a skip into a failure. */
export const browserRequired = Boolean(process.env.REQUIRE_BROWSER);
const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** A suite title that says why it was skipped. */
export const browserSuiteTitle = (title: string) =>
  hasBrowser ? title : `${title} (skipped: ${CHROMIUM} not found; apt-get install chromium)`;

export interface Dashboard {
  readonly gateway: RunningGateway;
  readonly upstream: MockUpstream;
  readonly page: Page;
  /** Console reports of a Content Security Policy violation, to be empty at the end. */
  readonly cspViolations: readonly string[];
  /** A PNG into docs/screenshots/: the full page, or just `part` of it. */
  screenshot(name: string, part?: Locator): Promise<unknown>;
  /** Follows a link of the left navigation. */
  openNav(name: string): Promise<void>;
  /** Whether markup from a test ran: the hostile strings set `window.__xss`. */
  xssRan(): Promise<boolean>;
}

/**
 * Registers the suite's beforeAll/afterAll: the built gateway on a fresh SQLite file, the
 * mock upstream, and one Chromium page at 1280x800. Read the fields inside tests only.
 */
export function useDashboard(
  options: {
    /** The gateway's extra environment, read when it starts (after earlier beforeAll hooks). */
    env?: () => Record<string, string>;
  } = {},
): Dashboard {
  let dataDir: string | undefined;
  let gateway: RunningGateway | undefined;
  let upstream: MockUpstream | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const cspViolations: string[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the dashboard harness is not started yet');
    return value;
  };

  beforeAll(async () => {
    if (!hasBrowser)
      throw new Error(
        `REQUIRE_BROWSER is set but ${CHROMIUM} is missing: apt-get install chromium`,
      );
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'oneapi-admin-e2e-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    gateway = await startGateway(join(dataDir, 'oneapi.db'), options.env?.());
    upstream = await startMockUpstream();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await upstream?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get gateway() {
      return ready(gateway);
    },
    get upstream() {
      return ready(upstream);
    },
    get page() {
      return ready(page);
    },
    cspViolations,
    screenshot: (name, part) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      return part ? part.screenshot({ path }) : ready(page).screenshot({ path, fullPage: true });
    },
    openNav: (name) =>
      ready(page).getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click(),
    xssRan: async () =>
      (await ready(page).evaluate(() => (window as { __xss?: number }).__xss)) !== undefined,
  };
}

/** Fills the sign-in form and waits for the Overview. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

/** First-run setup through the page, then root signs in. */
export async function setUpRoot(dashboard: Dashboard, password: string): Promise<void> {
  const { page, gateway } = dashboard;
  await page.goto(`${gateway.baseUrl}/`);
  await page.getByRole('heading', { name: 'Set up oneapi' }).waitFor();
  await page.getByLabel('Setup token', { exact: true }).fill(gateway.setupToken);
  await page.getByLabel('Username', { exact: true }).fill('root');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create root account' }).click();
  await signIn(page, 'root', password);
}

/**
 * The admin API as the signed-in page (its session cookie and CSRF token), for data a test
 * needs but does not exercise through the dashboard.
 */
export async function callAdminApi(
  dashboard: Dashboard,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
): Promise<unknown> {
  const { page, gateway } = dashboard;
  const self = await page.request.get(`${gateway.baseUrl}/api/user/self`);
  const { csrfToken } = (await self.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${gateway.baseUrl}${path}`, {
    method,
    headers: { 'x-csrf-token': csrfToken },
    data: body,
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}
