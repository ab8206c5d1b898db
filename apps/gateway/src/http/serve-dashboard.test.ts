import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway';

describe('dashboard serving', () => {
  let directory: string;
  let gateway: TestGateway;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'oneapi-dashboard-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(
      join(directory, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(directory, 'assets', 'app.js'), 'console.log(1)');
    gateway = await createTestGateway({ DASHBOARD_DIR: directory });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves the app with a strict CSP, and index.html for client-side routes', async () => {
    for (const path of ['/', '/channels', '/logs/123']) {
      const response = await gateway.app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const script = await gateway.app.request('/assets/app.js');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('leaves the APIs alone', async () => {
    expect(await (await gateway.app.request('/api/status')).json()).toHaveProperty('setupRequired');
    const relay = await gateway.app.request('/v1/models');
    expect(relay.status).toBe(401);
    expect(relay.headers.get('content-type')).toContain('application/json');
    expect((await gateway.app.request('/api/nope')).status).toBe(404);
  });
});
