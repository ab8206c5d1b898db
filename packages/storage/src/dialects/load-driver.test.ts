import { describe, expect, it } from 'vitest';
import { isStorageError } from '../storage-error';
import { loadDriver } from './load-driver';

describe('loadDriver', () => {
  it('names the package to install when the driver is missing', async () => {
    const refused = await loadDriver(
      'oneapi-driver-that-is-not-installed',
      'PostgreSQL',
      // @ts-expect-error: a package that does not exist, imported for real.
      () => import('oneapi-driver-that-is-not-installed'),
    ).catch((error: unknown) => error);
    expect(isStorageError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'driver_missing' });
    expect((refused as Error).message).toContain(
      'PostgreSQL needs the oneapi-driver-that-is-not-installed package',
    );
    expect((refused as Error).message).toContain('npm install oneapi-driver-that-is-not-installed');
  });

  it('passes on any other failure of a driver as it is', async () => {
    const broken = new Error('the addon was compiled for another Node');
    await expect(loadDriver('pg', 'PostgreSQL', () => Promise.reject(broken))).rejects.toBe(broken);
    // Another missing package (a driver's own dependency) is not this driver missing.
    const nested = await loadDriver(
      'pg',
      'PostgreSQL',
      () =>
        // @ts-expect-error: a package that does not exist, imported for real.
        import('oneapi-dependency-of-a-driver'),
    ).catch((error: unknown) => error);
    expect(isStorageError(nested)).toBe(false);
  });

  it('resolves with the driver when it is installed', async () => {
    // Any installed package will do; each real driver is imported in its dialect's file only.
    const kysely = await loadDriver('kysely', 'Kysely', () => import('kysely'));
    expect(typeof kysely.Kysely).toBe('function');
  });
});
