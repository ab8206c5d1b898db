import { describe, expect, it } from 'vitest';
import { createLocalChangeBus } from '../cluster/change-bus';
import { createLogger } from '../log/create-logger';
import {
  createSystemSettingsStore,
  DEFAULT_SETTINGS,
  readSystemSettings,
  SETTINGS_OPTION,
} from './system-settings';

// The slice of the options table the store uses, counting reads.
function createOptions(initial: Record<string, unknown> = {}) {
  const rows = new Map(Object.entries(initial));
  const options = {
    reads: 0,
    async get(name: string) {
      options.reads += 1;
      return structuredClone(rows.get(name));
    },
    async set(name: string, value: unknown) {
      rows.set(name, structuredClone(value));
    },
    rows,
  };
  return options;
}

describe('system settings', () => {
  it('falls back field by field to the defaults for what does not parse', async () => {
    const options = createOptions({
      [SETTINGS_OPTION]: { systemName: 'Acme', newUserQuota: -3, logoUrl: 'javascript:alert(1)' },
    });
    expect(await readSystemSettings(options)).toEqual({
      settings: { ...DEFAULT_SETTINGS, systemName: 'Acme' },
      invalid: ['logoUrl', 'newUserQuota'],
    });
    options.rows.set(SETTINGS_OPTION, 'not an object');
    expect((await readSystemSettings(options)).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('reads once, then refreshes its copy when another instance writes', async () => {
    const options = createOptions();
    const changes = createLocalChangeBus(createLogger({ level: 'silent' }));
    const store = createSystemSettingsStore(options, changes);
    expect(await store.read()).toEqual(DEFAULT_SETTINGS);
    await store.read();
    expect(options.reads).toBe(1);

    // Another instance's write arrives as an `options` change.
    options.rows.set(SETTINGS_OPTION, { registrationEnabled: true });
    expect((await store.read()).registrationEnabled).toBe(false);
    await changes.publish('options');
    expect((await store.read()).registrationEnabled).toBe(true);
  });

  it('writes a patch over what is stored, keeping fields it does not know', async () => {
    const options = createOptions({
      [SETTINGS_OPTION]: { systemName: 'Acme', fromNewerVersion: 1 },
    });
    const changes = createLocalChangeBus(createLogger({ level: 'silent' }));
    const published: string[] = [];
    changes.subscribe('options', () => {
      published.push('options');
    });
    const store = createSystemSettingsStore(options, changes);
    await store.read();
    const [first, second] = await Promise.all([
      store.update({ newUserQuota: 500 }),
      store.update({ notice: 'maintenance at 02:00' }),
    ]);
    expect(first.newUserQuota).toBe(500);
    // Serialized: the second write starts from the first, so neither edit is lost.
    expect(second).toMatchObject({ systemName: 'Acme', newUserQuota: 500 });
    expect(options.rows.get(SETTINGS_OPTION)).toEqual({
      systemName: 'Acme',
      fromNewerVersion: 1,
      newUserQuota: 500,
      notice: 'maintenance at 02:00',
    });
    expect(published).toEqual(['options', 'options']);
    expect(await store.read()).toMatchObject({ newUserQuota: 500, notice: 'maintenance at 02:00' });
  });
});
