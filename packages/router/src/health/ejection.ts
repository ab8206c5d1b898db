import type { ChannelHealth } from './channel-health';

/**
 * Max ejection percent (Envoy's outlier detection): a breaker may open only while fewer than
 * `maxPercent` of each of its groups' channels are ejected (open or half-open), and at least
 * one channel per group may always be ejected. The rest keep serving even when failing; a
 * provider-wide outage then degrades to retries instead of an empty pool.
 */
export class EjectionLimit {
  private members = new Map<string, readonly ChannelHealth[]>();

  constructor(private readonly maxPercent: number) {}

  /** Called on each index rebuild with the channels of every group. */
  setGroups(members: Map<string, readonly ChannelHealth[]>): void {
    this.members = members;
  }

  mayEject(health: ChannelHealth): boolean {
    for (const group of health.groups) {
      const members = this.members.get(group);
      if (!members) continue;
      let ejected = 0;
      for (const member of members) if (member.breaker.state !== 'closed') ejected++;
      const allowed = Math.max(1, Math.floor((members.length * this.maxPercent) / 100));
      if (ejected + 1 > allowed) return false;
    }
    return true;
  }
}
