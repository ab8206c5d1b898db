import { describe, expect, it } from 'vitest';
import { inlineParameters, postgresLiteral } from './dialects/postgres-script';
import type { TestStorage } from './testing';
import { describeEachDatabase } from './testing/describe-each-database';

describe('a PostgreSQL script’s literals', () => {
  it('writes each parameter where its $n stands, and $10 is not $1 followed by 0', () => {
    const parameters = Array.from({ length: 10 }, (_, index) => index + 1);
    expect(inlineParameters('select $1, $10, $2', parameters)).toBe('select 1, 10, 2');
  });

  it('leaves quoted text alone, a doubled quote included', () => {
    expect(inlineParameters(`select '$1 it''s', "col$1" from t where a = $1`, ['x'])).toBe(
      `select '$1 it''s', "col$1" from t where a = 'x'`,
    );
  });

  it('parenthesises negative numbers, so a minus before one never starts a comment', () => {
    expect(inlineParameters('update t set a = a -$1', [-5])).toBe('update t set a = a -(-5)');
    expect(postgresLiteral(-0)).toBe('(0)');
    expect(postgresLiteral(12n)).toBe('12');
    expect(postgresLiteral(-12n)).toBe('(-12)');
  });

  it('quotes strings so that quotes and backslashes read back as they were', () => {
    expect(postgresLiteral("it's")).toBe("'it''s'");
    expect(postgresLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(postgresLiteral(null)).toBe('NULL');
    expect(postgresLiteral(true)).toBe('TRUE');
  });

  it('refuses what it cannot write exactly, instead of guessing', () => {
    expect(() => postgresLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => postgresLiteral('a\0b')).toThrow(TypeError);
    expect(() => postgresLiteral(new Date())).toThrow(TypeError);
    expect(() => inlineParameters('select $2', [1])).toThrow(RangeError);
    expect(() => inlineParameters("select 'open", [])).toThrow(SyntaxError);
  });
});

describeEachDatabase('storage.writeInOneTrip', (current) => {
  it('is offered by PostgreSQL alone, where a script of many statements is one round trip', () => {
    const storage = current();
    expect(typeof storage.writeInOneTrip).toBe(
      storage.dialect === 'postgres' ? 'function' : 'undefined',
    );
  });
});

describeEachDatabase(
  'storage.writeInOneTrip’s script',
  (current) => {
    const writeInOneTrip: NonNullable<TestStorage['writeInOneTrip']> = (work) => {
      const storage = current();
      if (!storage.writeInOneTrip) throw new Error('no writeInOneTrip on PostgreSQL');
      return storage.writeInOneTrip(work);
    };

    const awkward = [
      "it's -- not a comment; $1 \\' \\\\ end",
      'tab\tnewline\n émoji 🧪 $$ $tag$',
      "E'\\x41'",
    ];

    it('writes text that quoting could break as it was, in one statement on PostgreSQL', async () => {
      const storage = current();
      const requestIds = awkward.map((text, index) => `${text}#${index}-${Date.now()}`);
      const before = storage.statementCount();
      const answered = await writeInOneTrip(async (repositories) => {
        await repositories.logs.insertMany(
          requestIds.map((requestId, index) => ({
            type: 'consume' as const,
            userId: 1,
            model: awkward[index] as string,
            quota: -7 * (index + 1),
            requestId,
            attempts: [{ channelId: 1, status: 200, latencyMs: 3 }],
            createdAt: 1_000 + index,
          })),
        );
        return 'done';
      });
      expect(answered).toBe('done');
      expect(storage.statementCount() - before).toBe(1);
      for (const [index, requestId] of requestIds.entries()) {
        const [entry] = await storage.repositories.logs.listByRequestId(requestId);
        expect(entry).toMatchObject({
          model: awkward[index],
          quota: -7 * (index + 1),
          attempts: [{ channelId: 1, status: 200, latencyMs: 3 }],
        });
      }
    });

    it('writes nothing when one of its statements fails', async () => {
      const storage = current();
      const requestId = `one-trip-atomic-${Date.now()}`;
      const user = await storage.repositories.users.create({
        username: requestId.slice(0, 32),
        displayName: 'one trip',
        role: 'user',
        status: 'enabled',
        groupName: 'default',
        quota: 100,
      });
      const attempt = writeInOneTrip(async (repositories) => {
        await repositories.users.applyQuotaChange(user.id, { quota: 50 });
        await repositories.logs.insertMany([{ type: 'consume', userId: user.id, requestId }]);
        // A second reservation with a taken request id: the database refuses it at the end.
        await repositories.quotaReservations.createMany([
          { requestId, tokenId: null, userId: user.id, amount: 1 },
          { requestId, tokenId: null, userId: user.id, amount: 1 },
        ]);
      });
      await expect(attempt).rejects.toSatisfy((error) => storage.isDuplicateKey(error));
      expect((await storage.repositories.users.findById(user.id))?.quota).toBe(100);
      expect(await storage.repositories.logs.listByRequestId(requestId)).toEqual([]);
    });
  },
  ['postgres'],
);
