import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type Storage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './create-app';

describe('gateway app', () => {
  let directory: string;
  let storage: Storage;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'oneapi-gateway-'));
    storage = await createStorage({ sqlitePath: join(directory, 'oneapi.db') });
    await storage.migrate();
  });

  afterAll(async () => {
    await storage.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reports ready once the database answers', async () => {
    const response = await createApp({ storage }).request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'sqlite' });
  });

  it('answers relay routes with an OpenAI-shaped error until the relay exists', async () => {
    const response = await createApp({ storage }).request('/v1/chat/completions', {
      method: 'POST',
    });
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({
      error: { type: 'server_error', code: 'not_implemented' },
    });
  });

  it('answers unknown routes with a 404 in the same shape', async () => {
    const response = await createApp({ storage }).request('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
