import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('audit logs', (current) => {
  it('records an entry and reads it back with before and after', async () => {
    const { repositories } = current();
    const entityId = `c-${Math.random().toString(36).slice(2)}`;
    const id = await repositories.auditLogs.record(
      {
        actorId: 7,
        actorName: 'root',
        action: 'update',
        entityType: 'channel',
        entityId,
        clientIp: '203.0.113.9',
        userAgent: `agent ${'x'.repeat(600)}`,
        before: { name: 'old', keys: ['sk-…abcd'], nested: { weight: 1 } },
        after: { name: '新 🚀', keys: ['sk-…abcd'], nested: { weight: 2 } },
      },
      1_000,
    );
    const [entry] = (await repositories.auditLogs.list({ entityId })).items;
    expect(entry).toEqual({
      id,
      createdAt: 1_000,
      actorId: 7,
      actorName: 'root',
      action: 'update',
      entityType: 'channel',
      entityId,
      clientIp: '203.0.113.9',
      userAgent: `agent ${'x'.repeat(506)}`,
      before: { name: 'old', keys: ['sk-…abcd'], nested: { weight: 1 } },
      after: { name: '新 🚀', keys: ['sk-…abcd'], nested: { weight: 2 } },
    });
  });

  it('cuts a client address too long for its column instead of failing the change', async () => {
    // The address is what X-Forwarded-For says: on MariaDB and PostgreSQL one over 64
    // characters failed the insert, and with it the admin change the entry commits with.
    const { repositories } = current();
    const entityId = `c-${Math.random().toString(36).slice(2)}`;
    await repositories.auditLogs.record({
      actorId: 7,
      actorName: 'root',
      action: 'update',
      entityType: 'channel',
      entityId,
      clientIp: `203.0.113.9, ${'x'.repeat(300)}`,
      userAgent: null,
      before: null,
      after: {},
    });
    const [entry] = (await repositories.auditLogs.list({ entityId })).items;
    expect(entry?.clientIp).toBe(`203.0.113.9, ${'x'.repeat(51)}`);
  });

  it('filters by actor, entity, action and time, newest first, by page', async () => {
    const { repositories } = current();
    const entityId = `f-${Math.random().toString(36).slice(2)}`;
    const base = { clientIp: null, userAgent: null, before: null, after: {} };
    const record = (
      actorId: number,
      action: 'create' | 'delete',
      entityType: 'user' | 'token',
      at: number,
    ) =>
      repositories.auditLogs.record(
        { ...base, actorId, actorName: actorId === 1 ? 'a' : 'b', action, entityType, entityId },
        at,
      );
    const ids = [
      await record(1, 'create', 'user', 10_000),
      await record(2, 'create', 'user', 20_000),
      await record(1, 'delete', 'user', 30_000),
      await record(1, 'create', 'token', 40_000),
    ];
    const list = async (filter: object) =>
      (await repositories.auditLogs.list({ entityId, ...filter })).items.map((entry) => entry.id);

    expect(await list({})).toEqual([...ids].reverse());
    expect(await list({ actorId: 1 })).toEqual([ids[3], ids[2], ids[0]]);
    expect(await list({ actorName: 'b' })).toEqual([ids[1]]);
    expect(await list({ entityType: 'user', action: 'create' })).toEqual([ids[1], ids[0]]);
    expect(await list({ from: 20_000, to: 40_000 })).toEqual([ids[2], ids[1]]);

    const first = await repositories.auditLogs.list({ entityId, limit: 3 });
    expect(first.items.map((entry) => entry.id)).toEqual([ids[3], ids[2], ids[1]]);
    const rest = await repositories.auditLogs.list({
      entityId,
      limit: 3,
      cursor: first.nextCursor,
    });
    expect(rest.items.map((entry) => entry.id)).toEqual([ids[0]]);
    expect(rest.nextCursor).toBeNull();
  });

  it('rolls back with the change it records when the transaction fails', async () => {
    const storage = current();
    const user = await createTestUser(storage.repositories);
    const entityId = String(user.id);
    await expect(
      storage.transaction(async (repositories) => {
        await repositories.users.update(user.id, { displayName: 'renamed' });
        await repositories.auditLogs.record({
          actorId: null,
          actorName: 'system',
          action: 'update',
          entityType: 'user',
          entityId,
          clientIp: null,
          userAgent: null,
          before: { displayName: user.displayName },
          after: { displayName: 'renamed' },
        });
        throw new Error('the change fails after the entry was written');
      }),
    ).rejects.toThrow('the change fails');
    expect(
      (await storage.repositories.auditLogs.list({ entityId, entityType: 'user' })).items,
    ).toEqual([]);
    expect((await storage.repositories.users.findById(user.id))?.displayName).toBe(
      user.displayName,
    );
  });
});
