import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';

describeEachDatabase('channels and abilities', (current) => {
  const newChannel = (name: string) => ({
    type: 'openai',
    name,
    keyCiphertext: 'v1:ciphertext',
    models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4o'],
    groups: ['default', 'vip'],
    priority: 10,
    weight: 5,
    modelMapping: { 'gpt-4o': 'gpt-4o-2024-11-20' },
    config: { organization: 'org-1' },
  });

  it('creates a channel with one ability per group and model', async () => {
    const { repositories } = current();
    const channel = await repositories.channels.create(newChannel('primary'));
    expect(channel).toMatchObject({
      status: 'enabled',
      models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4o'],
      modelMapping: { 'gpt-4o': 'gpt-4o-2024-11-20' },
      config: { organization: 'org-1' },
      usedQuota: 0,
    });
    const abilities = await repositories.abilities.listForChannel(channel.id);
    expect(abilities.map((a) => `${a.groupName}/${a.model}`)).toEqual([
      'default/gpt-4o',
      'default/gpt-4o-mini',
      'vip/gpt-4o',
      'vip/gpt-4o-mini',
    ]);
    expect(abilities.every((a) => a.enabled && a.priority === 10 && a.weight === 5)).toBe(true);
  });

  it('rebuilds abilities on update and orders a model’s channels by priority', async () => {
    const { repositories } = current();
    const model = `model-${Math.random().toString(36).slice(2)}`;
    const low = await repositories.channels.create({ ...newChannel('low'), models: [model] });
    const high = await repositories.channels.create({ ...newChannel('high'), models: [model] });
    await repositories.channels.update(high.id, { priority: 100, groups: ['default'] });
    const found = await repositories.abilities.listForModel('default', model);
    expect(found.map((a) => a.channelId)).toEqual([high.id, low.id]);
    expect(
      (await repositories.abilities.listForModel('vip', model)).map((a) => a.channelId),
    ).toEqual([low.id]);
    expect(await repositories.abilities.listModelsForGroup('default')).toContain(model);
  });

  it('never lets an automatic status change undo a manual disable', async () => {
    const { repositories } = current();
    const channel = await repositories.channels.create(newChannel('flaky'));
    expect(
      await repositories.channels.setStatus(channel.id, {
        to: 'auto_disabled',
        from: ['enabled'],
        reason: 'invalid_api_key',
      }),
    ).toBe(true);
    expect((await repositories.abilities.listForChannel(channel.id)).some((a) => a.enabled)).toBe(
      false,
    );
    await repositories.channels.setStatus(channel.id, { to: 'manually_disabled' });
    // The health checker only re-enables what it disabled itself.
    expect(
      await repositories.channels.setStatus(channel.id, { to: 'enabled', from: ['auto_disabled'] }),
    ).toBe(false);
    expect(await repositories.channels.findById(channel.id)).toMatchObject({
      status: 'manually_disabled',
      statusReason: null,
    });
  });

  it('records tests, balances and usage, filters, and deletes abilities with the channel', async () => {
    const { repositories } = current();
    const tag = `tag-${Math.random().toString(36).slice(2)}`;
    const channel = await repositories.channels.create({ ...newChannel('Tagged One'), tag });
    await repositories.channels.recordTest(channel.id, 321, 1_000);
    await repositories.channels.recordBalance(channel.id, 12_500_000, 2_000);
    await repositories.channels.addUsedQuota(channel.id, 99);
    expect(await repositories.channels.findById(channel.id)).toMatchObject({
      testedAt: 1_000,
      testLatencyMs: 321,
      balanceMicroUsd: 12_500_000,
      usedQuota: 99,
    });
    expect((await repositories.channels.list({ tag })).items.map((c) => c.id)).toEqual([
      channel.id,
    ]);
    expect((await repositories.channels.list({ search: 'tagged one', tag })).items).toHaveLength(1);
    expect(await repositories.channels.delete(channel.id)).toBe(true);
    expect(await repositories.abilities.listForChannel(channel.id)).toEqual([]);
  });

  it('replaces a key ciphertext only while it is the one expected', async () => {
    const { repositories } = current();
    const channel = await repositories.channels.create(newChannel('rotating'));
    expect(
      await repositories.channels.replaceKeyCiphertext(channel.id, 'v1:stale', 'v1:lost'),
    ).toBe(false);
    expect(
      await repositories.channels.replaceKeyCiphertext(channel.id, 'v1:ciphertext', 'v1:rotated'),
    ).toBe(true);
    expect(await repositories.channels.findById(channel.id)).toMatchObject({
      keyCiphertext: 'v1:rotated',
      updatedAt: channel.updatedAt,
    });
    expect(await repositories.channels.replaceKeyCiphertext(-1, 'v1:rotated', 'v1:x')).toBe(false);
  });
});
