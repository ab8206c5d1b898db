import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from './create-database';
import { listTestDatabases, type TestStorage } from './testing';

const EXPECTED_TABLES = [
  'abilities',
  'alert_deliveries',
  'audit_logs',
  'channels',
  'email_tokens',
  'identities',
  'instance_leases',
  'logs',
  'options',
  'passkeys',
  'quota_adjustments',
  'quota_reservations',
  'recovery_codes',
  'redemption_codes',
  'sessions',
  'sign_in_challenges',
  'tokens',
  'totp_factors',
  'usage_hourly',
  'users',
];

async function listTables(storage: Storage): Promise<string[]> {
  const tables = await storage.db.introspection.getTables();
  return tables.map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
}

for (const database of listTestDatabases()) {
  describe.skipIf(database.skipReason !== undefined)(
    `migrations [${database.dialect}]${database.skipReason ? ` (skipped: ${database.skipReason})` : ''}`,
    () => {
      const opened: Storage[] = [];
      let storage: TestStorage | undefined;
      afterEach(async () => {
        for (const extra of opened.splice(0)) await extra.close();
        await storage?.dispose();
        storage = undefined;
      });

      it('creates every table from an empty database, then has nothing left to do', async () => {
        storage = await database.create();
        expect(await listTables(storage)).toEqual([]);
        expect(await storage.migrate()).toEqual([
          '0001_initial',
          '0002_instance_leases',
          '0003_audit_logs',
          '0004_alerts',
          '0005_identities',
          '0006_email_tokens',
          '0007_second_factors',
          '0008_hot_path_log_indexes',
        ]);
        expect((await listTables(storage)).sort()).toEqual(EXPECTED_TABLES);
        expect(await storage.migrate()).toEqual([]);
      });

      it('is safe when two instances migrate at the same time', async () => {
        storage = await database.create();
        const second = await storage.connectAgain();
        opened.push(second);
        const [first, other] = await Promise.all([storage.migrate(), second.migrate()]);
        // Exactly one of them applied the migrations; the other found them done.
        expect([...first, ...other]).toEqual([
          '0001_initial',
          '0002_instance_leases',
          '0003_audit_logs',
          '0004_alerts',
          '0005_identities',
          '0006_email_tokens',
          '0007_second_factors',
          '0008_hot_path_log_indexes',
        ]);
        expect((await listTables(second)).sort()).toEqual(EXPECTED_TABLES);
      });

      it('leaves relayed requests out of the type and status indexes on SQLite; every filter finds its rows', async () => {
        storage = await database.create();
        await storage.migrate();
        await storage.repositories.logs.insertMany([
          { type: 'consume', status: 200, createdAt: 1 },
          { type: 'error', status: 502, createdAt: 2 },
          { type: 'topup', createdAt: 3 },
        ]);
        for (const type of ['consume', 'error', 'topup'] as const)
          expect((await storage.repositories.logs.list({ type })).items).toHaveLength(1);
        for (const status of [200, 502])
          expect((await storage.repositories.logs.list({ status })).items).toHaveLength(1);
        if (storage.dialect !== 'sqlite') return;
        const definitions = await sql<{ name: string; sql: string }>`
          select name, sql from sqlite_master
          where name in ('logs_type_created_idx', 'logs_status_created_idx') order by name`.execute(
          storage.db,
        );
        expect(definitions.rows.map((row) => row.sql.replace(/\s+/g, ' '))).toEqual([
          expect.stringMatching(/\("status", "created_at"\) where "status" <> 200$/),
          expect.stringMatching(/\("type", "created_at"\) where "type" <> 'consume'$/),
        ]);
      });

      it('stores text in full Unicode', async () => {
        storage = await database.create();
        await storage.migrate();
        await storage.repositories.options.set('system_name', '网关 🚀');
        expect(await storage.repositories.options.get('system_name')).toBe('网关 🚀');
        const row = await sql<{ ok: number }>`select 1 as ok`.execute(storage.db);
        expect(Number(row.rows[0]?.ok)).toBe(1);
      });
    },
  );
}
