import type { ServerOptions } from 'node:http';
import type { GatewayConfig } from '../config';

/** `serve()` options beside `fetch` and the address: the same in `oneapi start` and in tests. */
export function createServeOptions(
  config: Pick<GatewayConfig, 'headersTimeoutMs' | 'requestTimeoutMs'>,
) {
  return {
    serverOptions: createServerOptions(config),
    // Its cleanup closes the connection 500 ms after an answer given before the body was
    // read, while the client may still be sending: drainUnreadBody does it with caps instead.
    autoCleanupIncoming: false,
  };
}

/**
 * node:http settings against clients that hold connections open by sending slowly
 * (slowloris), for `serve({ serverOptions })`: the same in `oneapi start` and in tests.
 * Past either timeout Node answers 408 and closes the connection.
 */
export function createServerOptions(
  config: Pick<GatewayConfig, 'headersTimeoutMs' | 'requestTimeoutMs'>,
): ServerOptions {
  return {
    headersTimeout: config.headersTimeoutMs,
    // Counted from a request's first byte until its body is in: Node stops tracking a
    // request once it is complete, so a long streamed response is not cut by this.
    requestTimeout: config.requestTimeoutMs,
    // Idle keep-alive connections. Longer than the 60 s idle timeout of AWS ALB and nginx's
    // upstream keepalive_timeout, so the balancer closes an idle connection first; if the
    // gateway closed first, a request the balancer sent at that moment would get a 502.
    keepAliveTimeout: 65_000,
    // Node enforces both timeouts only when it checks, on this interval (default 30 s, which
    // would let a 20 s HEADERS_TIMEOUT run to 50 s). The check walks the connections still
    // receiving a request, so once a second is cheap.
    connectionsCheckingInterval: 1_000,
  };
}
