import { describe, expect, it } from 'vitest';
import type { Channel } from '../api/types';
import { retirementOf } from './channel-retirement';

const channel = (overrides: Partial<Channel>): Channel => ({
  id: 1,
  type: 'openai',
  name: 'Main',
  baseUrl: null,
  models: ['gpt-4o'],
  groups: ['default'],
  priority: 0,
  weight: 1,
  status: 'enabled',
  statusReason: null,
  keyCount: 2,
  keysMasked: ['****1111', '****2222'],
  modelMapping: null,
  config: null,
  testModel: null,
  testedAt: null,
  testLatencyMs: null,
  createdAt: 0,
  health: { reason: null, nextProbeAt: null, retiredKeys: 0 },
  ...overrides,
});

describe('what a channel row says of health', () => {
  it('gives an auto-disabled channel its reason and next probe, not "not tested"', () => {
    const reason = 'every key retired; last: upstream 401: Incorrect API key provided';
    expect(
      retirementOf(
        channel({
          status: 'auto_disabled',
          statusReason: reason,
          health: { reason, nextProbeAt: 1_000, retiredKeys: 2 },
        }),
      ),
    ).toEqual({ reason, nextProbeAt: 1_000, retiredKeys: 0 });
    // From a gateway that predates the health field: the stored reason still shows.
    expect(
      retirementOf(channel({ status: 'auto_disabled', statusReason: reason, health: undefined })),
    ).toEqual({ reason, nextProbeAt: null, retiredKeys: 0 });
  });

  it('says an auto-disabled channel without a recorded reason was disabled automatically', () => {
    const retirement = retirementOf(
      channel({ status: 'auto_disabled', statusReason: null, health: undefined }),
    );
    expect(retirement?.reason).toMatch(/automatically/);
  });

  it('counts retired keys of a channel still serving on its others', () => {
    expect(
      retirementOf(
        channel({ health: { reason: 'upstream 401: revoked', nextProbeAt: 5, retiredKeys: 1 } }),
      ),
    ).toEqual({ reason: 'upstream 401: revoked', nextProbeAt: 5, retiredKeys: 1 });
  });

  it('says nothing of a healthy or manually disabled channel', () => {
    expect(retirementOf(channel({}))).toBeUndefined();
    expect(
      retirementOf(channel({ status: 'manually_disabled', statusReason: 'by admin' })),
    ).toBeUndefined();
  });
});
