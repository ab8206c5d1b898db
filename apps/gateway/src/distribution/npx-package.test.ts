import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  DISTRIBUTION_ENABLED,
  distributionSuiteTitle,
  PNPM,
  REPO_ROOT,
  reportFigure,
  run,
  type StartedGateway,
  startGateway,
} from '../testing/distribution/distribution-kit';

/*
 * `npx @oneapi/gateway` without a clone: the workspace packages the gateway needs are packed
 * as they would be published (pnpm rewrites workspace:* to versions, prepack adds the
 * dashboard), installed with npm into an empty project, and run through npx.
 */

const PACKAGES = [
  'packages/adapters',
  'packages/router',
  'packages/ledger',
  'packages/storage',
  'apps/gateway',
];
const INSTALL_TIMEOUT_MS = 10 * 60_000;

describe.skipIf(!DISTRIBUTION_ENABLED)(distributionSuiteTitle('the npm package'), () => {
  let work: string;
  let project: string;
  let gateway: StartedGateway | undefined;

  beforeAll(
    async () => {
      const started = performance.now();
      work = mkdtempSync(join(tmpdir(), 'oneapi-npx-'));
      const tarballs = join(work, 'tarballs');
      project = join(work, 'project');
      mkdirSync(project);
      for (const directory of PACKAGES) {
        await run('npx', [...PNPM, 'pack', '--pack-destination', tarballs], {
          cwd: join(REPO_ROOT, directory),
          timeoutMs: 120_000,
        });
      }
      // Every @oneapi tarball as a dependency, so the gateway's @oneapi/* 0.0.0 resolve to them
      // and not to the registry.
      const dependencies = Object.fromEntries(
        readdirSync(tarballs).map((file) => [
          `@oneapi/${/^oneapi-(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(file)![1]}`,
          `file:${join(tarballs, file)}`,
        ]),
      );
      await writeFile(
        join(project, 'package.json'),
        JSON.stringify({ name: 'npx-check', private: true, dependencies }),
      );
      await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd: project,
        // Prebuilt better-sqlite3 binaries come from GitHub, which CI cannot reach: compile it.
        env: { ...process.env, npm_config_build_from_source: 'better-sqlite3' },
        timeoutMs: INSTALL_TIMEOUT_MS,
      });
      reportFigure(
        `packed ${PACKAGES.length} packages and installed them with npm in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    },
    INSTALL_TIMEOUT_MS + 2 * 60_000,
  );

  afterAll(async () => {
    await gateway?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('installs as published: versions instead of workspace:*, the dashboard inside', () => {
    const installed = join(project, 'node_modules', '@oneapi', 'gateway');
    const manifest = readFileSync(join(installed, 'package.json'), 'utf8');
    expect(manifest).not.toContain('workspace:');
    expect(existsSync(join(installed, 'dashboard', 'index.html'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    // postpack removed the copy from the checkout again.
    expect(existsSync(join(REPO_ROOT, 'apps', 'gateway', 'dashboard'))).toBe(false);
  });

  it('answers npx oneapi --help', async () => {
    // `--`: otherwise npx takes --help for itself.
    const { stdout } = await run('npx', ['--no', '--', 'oneapi', '--help'], {
      cwd: project,
      env: cleanEnv(),
      timeoutMs: 60_000,
    });
    expect(stdout).toContain('Usage: oneapi');
    expect(stdout).toContain('import-one-api');
    expect(stdout).toContain('SQLITE_PATH');
  }, 90_000);

  it('starts with npx oneapi start on an empty data directory and serves the dashboard', async () => {
    gateway = await startGateway('npx', ['--no', '--', 'oneapi', 'start'], {
      cwd: project,
      env: cleanEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_PATH: join(work, 'data', 'oneapi.db'),
        LOG_LEVEL: 'warn',
      }),
      timeoutMs: 60_000,
      processGroup: true,
    });
    expect(gateway.setupToken).not.toBe('');
    const status = await fetch(`${gateway.baseUrl}/api/status`);
    expect(await status.json()).toMatchObject({ setupRequired: true });
    const ready = await fetch(`${gateway.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    // The copy inside the package, found without DASHBOARD_DIR.
    const page = await fetch(`${gateway.baseUrl}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toMatch(/<!doctype html>[\s\S]*<script type="module"/i);
    reportFigure(`npx oneapi start: healthy ${gateway.startupMs.toFixed(0)} ms after spawning npx`);

    const output = gateway.output;
    await gateway.stop();
    gateway = undefined;
    // npx itself dies of the signal; the gateway drains and says so before it exits 0.
    expect(output()).toContain('oneapi: stopped');
  }, 90_000);
});
