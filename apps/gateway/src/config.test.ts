import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, environmentSchema, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to port 3000 and the embedded SQLite file', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      sqlDsn: '',
      sqlitePath: './data/oneapi.db',
      keyEncryptionKey: undefined,
      relayTimeoutMs: 300_000,
      bodyLimitBytes: 20 * 1024 * 1024,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ RELAY_TIMEOUT: '0' })).toThrow(/RELAY_TIMEOUT/);
    expect(() => loadConfig({ INITIAL_ROOT_TOKEN: 'hunter2' })).toThrow(/INITIAL_ROOT_TOKEN/);
  });

  it('takes RETRY_TIMES, One API’s name, as the router’s retries: 0 to 10, default 2', () => {
    expect(loadConfig({}).maxRetries).toBe(2);
    expect(loadConfig({ RETRY_TIMES: '0' }).maxRetries).toBe(0);
    expect(loadConfig({ RETRY_TIMES: '10' }).maxRetries).toBe(10);
    expect(() => loadConfig({ RETRY_TIMES: '11' })).toThrow(/RETRY_TIMES/);
    expect(() => loadConfig({ RETRY_TIMES: '-1' })).toThrow(/RETRY_TIMES/);
  });

  it('is documented: every variable appears in docs/configuration.md', () => {
    const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    for (const name of Object.keys(environmentSchema.shape)) expect(doc).toContain(`\`${name}\``);
  });
});
