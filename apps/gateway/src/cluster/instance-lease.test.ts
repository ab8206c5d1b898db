import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLogger } from '../log/create-logger';
import { startInstanceLease } from './instance-lease';

describeEachDatabase('instance lease of a gateway run', (current) => {
  const logger = createLogger({ level: 'silent' });

  it('registers at start, renews, and is deleted at stop', async () => {
    const leases = current().repositories.instanceLeases;
    const lease = await startInstanceLease({ leases, leaseMs: 600, logger });
    const row = async () => (await leases.list()).leases.find((one) => one.id === lease.id());
    const first = await row();
    expect(first).toMatchObject({ pid: process.pid });
    // Renewed every 200 ms: the lease end moves on.
    await expect
      .poll(async () => (await row())?.leaseUntil, { timeout: 3_000 })
      .toBeGreaterThan(first!.leaseUntil);
    await lease.stop();
    expect(await row()).toBeUndefined();
  });

  it('is not held after a stall longer than the lease, until a renewal succeeds', async () => {
    const leases = current().repositories.instanceLeases;
    const lease = await startInstanceLease({ leases, leaseMs: 600, logger });
    expect(lease.held()).toBe(true);
    // A stall of the whole process (a long GC pause, a blocked event loop) past the lease.
    const until = performance.now() + 700;
    while (performance.now() < until) {}
    expect(lease.held()).toBe(false);
    await expect.poll(() => lease.held(), { timeout: 3_000 }).toBe(true);
    await lease.stop();
  });

  it('goes on under a new lease when its own was taken for dead', async () => {
    const leases = current().repositories.instanceLeases;
    const lease = await startInstanceLease({ leases, leaseMs: 600, logger });
    const taken = lease.id();
    // What a survivor does to a lapsed lease (as after a stall longer than the lease).
    expect(await leases.remove(taken)).toBe(true);
    await expect.poll(() => lease.id(), { timeout: 3_000 }).not.toBe(taken);
    const ids = (await leases.list()).leases.map((one) => one.id);
    expect(ids).toContain(lease.id());
    expect(ids).not.toContain(taken);
    await lease.stop();
  });
});
