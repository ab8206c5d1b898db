import { BlockList, isIP } from 'node:net';

/** True for an IP address or a CIDR range (`10.0.0.0/8`, `2001:db8::/32`). */
export function isValidIpRule(rule: string): boolean {
  const [address = '', prefix] = rule.split('/');
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

// Cached keys hand back the same rules array on every request: build its list once.
const lists = new WeakMap<readonly string[], BlockList>();

/** Whether `address` is allowed by any of the rules. */
export function isAddressAllowed(address: string, rules: readonly string[]): boolean {
  let list = lists.get(rules);
  if (!list) {
    list = toBlockList(rules);
    lists.set(rules, list);
  }
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
}

function toBlockList(rules: readonly string[]): BlockList {
  const list = new BlockList();
  for (const rule of rules) {
    const [ip = '', prefix] = rule.split('/');
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list;
}
