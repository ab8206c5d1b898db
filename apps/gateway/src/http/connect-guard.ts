import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress } from '@oneapi/adapters';
import type { buildConnector as BuildConnector } from 'undici';
import { buildConnector } from './undici-parts';

/** A host name to its addresses; the system resolver in production, a table in tests. */
export type LookupHost = (hostname: string) => Promise<string[]>;

export const systemLookupHost: LookupHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** `host:port` as the guard and the channels' allow list spell it (port defaulted by scheme). */
export function hostKey(hostname: string, port: string | number, protocol: string): string {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return `${bare}:${port === '' || port === undefined ? (protocol === 'https:' ? 443 : 80) : port}`;
}

export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS';
}

/**
 * The connect step of the upstream Agent: resolves the host itself, refuses a private,
 * loopback or link-local address unless `allowsPrivate(host:port)` (a channel with
 * allowPrivateNetwork), and connects to the address it checked, so a name cannot resolve
 * to a public address when saved and to 169.254.169.254 when used (DNS rebinding). Every
 * connection goes through it: redirects, image fetches and admin calls included. IP
 * literals in any spelling arrive here normalized by the URL parser (127.1, 0x7f000001).
 */
export function createGuardedConnector(options: {
  readonly lookupHost: LookupHost;
  readonly allowsPrivate: (hostKey: string) => boolean;
  readonly timeoutMs: number;
}): BuildConnector.connector {
  const connect = buildConnector({ timeout: options.timeoutMs });
  return (connectOptions, callback) => {
    const hostname = connectOptions.hostname.replace(/^\[|\]$/g, '');
    const key = hostKey(hostname, connectOptions.port, connectOptions.protocol);
    if (options.allowsPrivate(key)) return connect(connectOptions, callback);
    const addresses = isIP(hostname) ? Promise.resolve([hostname]) : options.lookupHost(hostname);
    addresses.then(
      (found) => {
        const address = found[0];
        if (address === undefined || found.some(isPrivateAddress)) {
          callback(
            new PrivateAddressError(`${hostname} is a private, loopback or link-local address`),
            null,
          );
          return;
        }
        connect(
          {
            ...connectOptions,
            hostname: address,
            // TLS still names and verifies the host, not the address.
            ...(isIP(hostname) === 0 && { servername: connectOptions.servername ?? hostname }),
          },
          callback,
        );
      },
      (error: Error) => callback(error, null),
    );
  };
}
