import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLedger } from '../create-ledger';
import { createCounterMetrics } from '../metrics';
import {
  createTestAccount,
  createTestChannel,
  createTestPrices,
  readBalances,
  TEST_MODEL,
  uniqueId,
} from '../testing/ledger-fixtures';

describeEachDatabase('reserve, settle, release', (current) => {
  const setup = (metrics = createCounterMetrics()) => ({
    metrics,
    ledger: createLedger({ store: current(), prices: createTestPrices(), metrics }),
  });
  const request = (account: { userId: number; tokenId: number }, maxTokens = 100) => ({
    requestId: uniqueId('req'),
    ...account,
    model: TEST_MODEL,
    group: 'default',
    promptTokens: 10,
    maxTokens,
  });

  it('reserves the estimate, then charges the actual usage and returns the rest', async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 500 });
    const channelId = await createTestChannel(current());
    const reservation = await ledger.reserve(request(account));
    expect(reservation.amount).toBe(10 + 100 * 2);
    expect(await readBalances(current(), account)).toMatchObject({ quota: 790, remainQuota: 290 });

    const result = await ledger.settle(reservation, {
      channelId,
      usage: { promptTokens: 10, completionTokens: 20 },
    });
    expect(result).toEqual({ outcome: 'settled', charged: 50, refunded: 160 });
    expect(await readBalances(current(), account)).toEqual({
      quota: 950,
      usedQuota: 50,
      requestCount: 1,
      remainQuota: 450,
      tokenUsedQuota: 50,
    });
    expect((await current().repositories.channels.findById(channelId))!.usedQuota).toBe(50);
    const [log] = await current().repositories.logs.listByRequestId(reservation.requestId);
    expect(log).toMatchObject({ type: 'consume', quota: 50, usageEstimated: false });
    const usage = await current().repositories.usageHourly.total({
      from: 0,
      to: Date.now() + 3_600_000,
      userId: account.userId,
    });
    expect(usage).toMatchObject({ requests: 1, promptTokens: 10, completionTokens: 20, quota: 50 });
  });

  it('settles once: a repeated settle changes nothing', async () => {
    const { ledger, metrics } = setup();
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 1_000 });
    const reservation = await ledger.reserve(request(account));
    const usage = { promptTokens: 10, completionTokens: 5, estimated: true };
    const results = await Promise.all([
      ledger.settle(reservation, { channelId: null, usage }),
      ledger.settle(reservation, { channelId: null, usage }),
    ]);
    expect(results.filter((result) => result.outcome === 'settled')).toHaveLength(1);
    expect(await ledger.settle(reservation, { channelId: null, usage })).toEqual({
      outcome: 'already_closed',
      state: 'settled',
    });
    expect(await ledger.release(reservation)).toMatchObject({ outcome: 'already_closed' });
    expect(await readBalances(current(), account)).toMatchObject({
      quota: 980,
      usedQuota: 20,
      requestCount: 1,
    });
    expect(metrics.get('reservations_settled')).toBe(1);
    const logs = await current().repositories.logs.listByRequestId(reservation.requestId);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.usageEstimated).toBe(true);
  });

  it('releases in full when the request fails before any output', async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 1_000 });
    const reservation = await ledger.reserve(request(account));
    expect(await ledger.release(reservation)).toEqual({ outcome: 'released', refunded: 210 });
    expect(await readBalances(current(), account)).toEqual({
      quota: 1_000,
      usedQuota: 0,
      requestCount: 0,
      remainQuota: 1_000,
      tokenUsedQuota: 0,
    });
    const usage = await current().repositories.usageHourly.total({
      from: 0,
      to: Date.now() + 3_600_000,
      userId: account.userId,
    });
    expect(usage).toMatchObject({ requests: 1, errors: 1, quota: 0 });
  });

  it('refuses with insufficient_quota when the user or the token cannot cover the estimate', async () => {
    const { ledger, metrics } = setup();
    const poorUser = await createTestAccount(current(), { userQuota: 100, tokenQuota: 1_000 });
    await expect(ledger.reserve(request(poorUser))).rejects.toMatchObject({
      code: 'insufficient_quota',
      status: 403,
    });
    const poorToken = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 100 });
    await expect(ledger.reserve(request(poorToken))).rejects.toMatchObject({
      code: 'insufficient_quota',
    });
    // Neither debit survived the refusal.
    expect(await readBalances(current(), poorToken)).toMatchObject({
      quota: 1_000,
      remainQuota: 100,
    });
    expect(metrics.get('reservations_refused')).toBe(2);
  });

  it('lets an unlimited token skip the token check but not the user check', async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), {
      userQuota: 300,
      tokenQuota: 0,
      unlimited: true,
    });
    const reservation = await ledger.reserve(request(account));
    expect(await readBalances(current(), account)).toMatchObject({ quota: 90, remainQuota: -210 });
    await expect(ledger.reserve(request(account))).rejects.toMatchObject({
      code: 'insufficient_quota',
    });
    await ledger.settle(reservation, {
      channelId: null,
      usage: { promptTokens: 10, completionTokens: 0 },
    });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 290, remainQuota: -10 });
  });

  it('refuses a second reservation with the same request id', async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 1_000 });
    const first = request(account);
    await ledger.reserve(first);
    await expect(ledger.reserve(first)).rejects.toMatchObject({ code: 'duplicate_request' });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 790 });
  });

  it('takes a charge above the estimate unconditionally, going below zero by that error only', async () => {
    const { ledger, metrics } = setup();
    const account = await createTestAccount(current(), { userQuota: 50, tokenQuota: 50 });
    const reservation = await ledger.reserve(request(account, 20)); // 10 + 40 = 50
    const result = await ledger.settle(reservation, {
      channelId: null,
      usage: { promptTokens: 10, completionTokens: 30 }, // 70: the provider ignored max_tokens
    });
    expect(result).toEqual({ outcome: 'settled', charged: 70, refunded: -20 });
    expect(await readBalances(current(), account)).toMatchObject({ quota: -20, remainQuota: -20 });
    expect(metrics.get('settlements_over_estimate')).toBe(1);
  });

  it("caps the tokenizer's estimate at the hold when the provider reported no usage", async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), { userQuota: 50, tokenQuota: 50 });
    const reservation = await ledger.reserve(request(account, 20)); // 10 + 40 = 50
    // The upstream was held to 20 tokens; the local tokenizer counted 30 of its text.
    const result = await ledger.settle(reservation, {
      channelId: null,
      usage: { promptTokens: 10, completionTokens: 30, estimated: true },
    });
    expect(result).toEqual({ outcome: 'settled', charged: 50, refunded: 0 });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 0, remainQuota: 0 });
  });

  it('refuses a model without a price before touching any balance', async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 1_000 });
    await expect(ledger.reserve({ ...request(account), model: 'mystery' })).rejects.toMatchObject({
      code: 'price_not_found',
    });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 1_000 });
  });

  // settle() trusts the Reservation that reserve() returned instead of reading it back;
  // the conditional close must still catch a reservation that is gone or already closed.
  it('settles a held reservation only while it is open in the database', async () => {
    const { ledger } = setup();
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 500 });
    const usage = { promptTokens: 10, completionTokens: 20 };
    const unknown = { ...(await ledger.reserve(request(account))), requestId: uniqueId('none') };
    await expect(ledger.settle(unknown, { channelId: null, usage })).rejects.toMatchObject({
      code: 'reservation_not_found',
    });

    const released = await ledger.reserve(request(account));
    await ledger.release(released);
    expect(await ledger.settle(released, { channelId: null, usage })).toEqual({
      outcome: 'already_closed',
      state: 'released',
    });
    const settled = await ledger.reserve(request(account));
    expect(await ledger.settle(settled, { channelId: null, usage })).toMatchObject({
      outcome: 'settled',
    });
    // Three reservations of 210: one still open (the unknown's twin), the released one
    // returned, the settled one charged 50.
    expect(await readBalances(current(), account)).toMatchObject({ quota: 1_000 - 210 - 50 });
  });
});
