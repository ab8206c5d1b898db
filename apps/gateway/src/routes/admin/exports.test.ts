import type { FixtureServer } from '@oneapi/adapters/testing';
import type { LogFilter, NewLogEntry, Page } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chat,
  createOpenAIChannel,
  createUserWithKey,
  ROOT,
  ROOT_ENV,
  signIn,
  startOpenAIUpstream,
} from '../../testing/admin/admin-test-kit';
import { readCsvRecords } from '../../testing/admin/csv-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const FORMULA = '=HYPERLINK("http://evil.example","click")';
// More than two pages of the export's 500.
const BULK_ROWS = 1_100;

describe('CSV exports', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let alice: { id: number; apiKey: string };
  let bob: { id: number; apiKey: string };
  let aliceSession: Record<string, string>;

  const download = async (path: string, headers: Record<string, string> = ROOT) => {
    const response = await fetch(`${base}/api${path}`, { headers });
    expect(response.status, path).toBe(200);
    return { response, records: readCsvRecords(await response.text()) };
  };

  /** What the log holds, counted through the repository. */
  const countLogs = async (filter: LogFilter = {}) => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: Page<unknown> = await gateway.services.storage.repositories.logs.list({
        ...filter,
        cursor,
        limit: 500,
      });
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return count;
  };

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    await createOpenAIChannel(base, upstream);
    alice = await createUserWithKey(base, {
      username: 'alice',
      password: 'alice-password',
      quota: 10_000_000,
    });
    bob = await createUserWithKey(base, {
      username: 'bob',
      password: 'bob-password',
      quota: 10_000_000,
    });
    for (let i = 0; i < 3; i++) expect((await chat(base, alice.apiKey)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await chat(base, bob.apiKey)).status).toBe(200);
    // Older entries of alice's: errors with caller-controlled text, and enough to page.
    const entries: NewLogEntry[] = Array.from({ length: BULK_ROWS }, (_, i) => ({
      type: 'error',
      userId: alice.id,
      model: i === 0 ? FORMULA : 'gpt-4o-mini',
      status: 400,
      content: i === 1 ? 'line one\nline "two", with a comma' : `error ${i}`,
      createdAt: 1_000 + i,
    }));
    await gateway.services.storage.repositories.logs.insertMany(entries);
    aliceSession = await signIn(base, 'alice', 'alice-password');
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('streams the log as a CSV download with a header row', async () => {
    const { response, records } = await download('/logs/export.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="logs-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    // Every entry once, newest first, across the page boundaries.
    expect(records).toHaveLength(await countLogs());
    const consumed = records.filter((record) => record.type === 'consume');
    expect(consumed).toHaveLength(5);
    expect(records.filter((record) => record.type === 'error')).toHaveLength(BULK_ROWS);
    const ids = records.map((record) => Number(record.id));
    expect(new Set(ids).size).toBe(ids.length);
    // Newest first by time (the bulk rows are dated 1970), then by id.
    const order = records.map((record) => [Date.parse(record.created_at!), Number(record.id)]);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => (b[0] as number) - (a[0] as number) || (b[1] as number) - (a[1] as number),
      ),
    );
    expect(consumed[0]).toMatchObject({ model: 'gpt-4o-mini', status: '200', is_stream: 'false' });
    expect(consumed[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('applies the filters of the log list', async () => {
    const { records: bobs } = await download(`/logs/export.csv?userId=${bob.id}`);
    // Bob's two chats and the grant of his quota.
    expect(bobs.map((record) => record.type).sort()).toEqual(['consume', 'consume', 'topup']);
    expect(bobs.every((record) => record.user_id === String(bob.id))).toBe(true);
    const { records: consumed } = await download('/logs/export.csv?type=consume');
    expect(consumed).toHaveLength(5);
    const { records: early } = await download('/logs/export.csv?from=1000&to=1010');
    expect(early).toHaveLength(10);
    expect((await fetch(`${base}/api/logs/export.csv?status=99`, { headers: ROOT })).status).toBe(
      400,
    );
  });

  it('gives users only their own entries, whatever they ask for', async () => {
    for (const query of ['', `?userId=${bob.id}`]) {
      const { records } = await download(`/logs/export.csv${query}`, aliceSession);
      expect(records).toHaveLength(await countLogs({ userId: alice.id }));
      expect(records.length).toBeGreaterThan(3 + BULK_ROWS - 1);
      expect(records.every((record) => record.user_id === String(alice.id))).toBe(true);
    }
    expect((await fetch(`${base}/api/logs/export.csv`)).status).toBe(401);
  });

  it('defuses formulas and keeps awkward text whole', async () => {
    const { records } = await download('/logs/export.csv?type=error');
    expect(records.at(-1)!.model).toBe(`'${FORMULA}`);
    expect(records.at(-2)!.content).toBe('line one\nline "two", with a comma');
  });

  it('exports recharge codes as stored, never the codes', async () => {
    const created = await fetch(
      `${base}/api/redemption-codes`,
      jsonRequest('POST', { name: '@promo', quota: 5000, count: 3 }, ROOT),
    );
    const { codes } = (await created.json()) as { codes: string[] };
    const listed = (await (
      await fetch(`${base}/api/redemption-codes`, { headers: ROOT })
    ).json()) as { items: Array<{ id: number }> };
    await fetch(
      `${base}/api/redemption-codes/status`,
      jsonRequest('POST', { ids: [listed.items[0]!.id], status: 'disabled' }, ROOT),
    );

    const { response, records } = await download('/redemption-codes/export.csv');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="redemption-codes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      id: String(listed.items[0]!.id),
      name: "'@promo",
      status: 'disabled',
      quota: '5000',
      expires_at: '',
      created_by: expect.stringMatching(/^\d+$/),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      redeemed_by: '',
      redeemed_at: '',
    });
    const text = JSON.stringify(records);
    for (const code of codes) expect(text).not.toContain(code);
    const { records: disabled } = await download('/redemption-codes/export.csv?status=disabled');
    expect(disabled).toHaveLength(1);
    expect(
      (await fetch(`${base}/api/redemption-codes/export.csv`, { headers: aliceSession })).status,
    ).toBe(403);
  });
});
