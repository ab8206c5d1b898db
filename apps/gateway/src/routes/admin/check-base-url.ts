import { isIP } from 'node:net';
import { isPrivateAddress } from '@oneapi/adapters';
import { type LookupHost, systemLookupHost } from '../../http/connect-guard';
import { GatewayError } from '../../http/gateway-error';

/**
 * A channel's base URL is where the gateway will send its keys, so it is checked when
 * saved: http(s) only, and no private, loopback or link-local address unless the admin
 * says so for this channel (a local Ollama or vLLM is legitimate). The upstream Agent checks
 * again at every connection (connect-guard.ts), since a name may resolve elsewhere later.
 */
export async function checkBaseUrl(
  value: string,
  allowPrivateNetwork: boolean,
  lookupHost: LookupHost = systemLookupHost,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GatewayError('invalid_request', 'baseUrl is not a valid URL', { param: 'baseUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GatewayError('invalid_request', 'baseUrl must be http(s)', { param: 'baseUrl' });
  }
  if (url.username || url.password) {
    throw new GatewayError('invalid_request', 'baseUrl must not contain credentials', {
      param: 'baseUrl',
    });
  }
  if (!allowPrivateNetwork) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await lookupHost(host).catch(() => [] as string[]);
    if (addresses.length === 0) {
      throw new GatewayError('invalid_request', `baseUrl host ${host} does not resolve`, {
        param: 'baseUrl',
      });
    }
    if (addresses.some(isPrivateAddress)) {
      throw new GatewayError(
        'invalid_request',
        'baseUrl points to a private or loopback address; set allowPrivateNetwork for this channel to allow it',
        { param: 'baseUrl' },
      );
    }
  }
  return value.replace(/\/+$/, '');
}
