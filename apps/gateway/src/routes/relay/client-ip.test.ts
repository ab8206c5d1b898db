import { describe, expect, it } from 'vitest';
import { isAddressAllowed, isValidIpRule } from './client-ip';

describe('IP allowlists', () => {
  it('accepts addresses and CIDR ranges, and nothing else', () => {
    for (const rule of ['10.0.0.1', '10.0.0.0/8', '2001:db8::/32', '::1'])
      expect(isValidIpRule(rule)).toBe(true);
    for (const rule of ['999.1.1.1', '10.0.0.0/33', '::/129', 'localhost', '10.0.0.0/x'])
      expect(isValidIpRule(rule)).toBe(false);
  });

  it('matches addresses, ranges and IPv4-mapped IPv6 peers', () => {
    const rules = ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32'];
    expect(isAddressAllowed('10.20.30.40', rules)).toBe(true);
    expect(isAddressAllowed('::ffff:10.1.2.3', rules)).toBe(true);
    expect(isAddressAllowed('192.0.2.7', rules)).toBe(true);
    expect(isAddressAllowed('2001:db8::5', rules)).toBe(true);
    expect(isAddressAllowed('192.0.2.8', rules)).toBe(false);
    expect(isAddressAllowed('127.0.0.1', rules)).toBe(false);
  });
});
