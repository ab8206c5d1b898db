import { type AddressInfo, createConnection, createServer, type Socket } from 'node:net';

/**
 * How the proxy treats traffic, switchable at any time:
 * - `pass`: forwards bytes as they come;
 * - `delay`: forwards each chunk `ms` after it arrived, in order, both ways;
 * - `blackhole`: holds every byte (a dropped route while TCP keeps retransmitting): nothing
 *   arrives, and what was held is delivered if the mode changes back before the connection ends;
 * - `reset`: resets (RST) every open connection and each new one as soon as it is accepted.
 */
export type ProxyMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'reset' };

export interface FaultProxy {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `url` (a DSN or redis:// URL of the target) with its host and port replaced by the proxy's. */
  proxiedUrl(url: string): string;
  setMode(mode: ProxyMode): void;
  /** Client connections open now. */
  connections(): number;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  readonly mode?: ProxyMode;
  /** The proxy closes itself after this long. Default 120 s. */
  readonly lifetimeMs?: number;
}

/** One direction of one connection: chunks waiting for their time, in arrival order. */
interface Lane {
  readonly from: Socket;
  readonly to: Socket;
  readonly queue: Array<{ chunk: Buffer | 'end'; arrivedAt: number }>;
  timer: NodeJS.Timeout | undefined;
}

/**
 * A TCP proxy on 127.0.0.1 for putting faults between the gateway and MariaDB, PostgreSQL
 * or Redis: point the DSN at `proxiedUrl(dsn)` and switch modes while the test runs.
 */
export async function startFaultProxy(
  target: { readonly host: string; readonly port: number },
  options: FaultProxyOptions = {},
): Promise<FaultProxy> {
  let mode: ProxyMode = options.mode ?? { kind: 'pass' };
  const pairs = new Set<{ client: Socket; server: Socket; pump: () => void }>();

  const server = createServer((client) => {
    if (mode.kind === 'reset') return void client.resetAndDestroy();
    const upstream = createConnection(target);
    const lanes: Lane[] = [
      { from: client, to: upstream, queue: [], timer: undefined },
      { from: upstream, to: client, queue: [], timer: undefined },
    ];
    const pair = { client, server: upstream, pump: () => lanes.forEach(drain) };
    pairs.add(pair);
    const teardown = () => {
      pairs.delete(pair);
      for (const lane of lanes) clearTimeout(lane.timer);
      client.destroy();
      upstream.destroy();
    };
    function drain(lane: Lane) {
      clearTimeout(lane.timer);
      lane.timer = undefined;
      if (mode.kind === 'blackhole') return;
      const delayMs = mode.kind === 'delay' ? mode.ms : 0;
      while (lane.queue.length > 0) {
        const next = lane.queue[0]!;
        const wait = next.arrivedAt + delayMs - Date.now();
        if (wait > 0) {
          lane.timer = setTimeout(() => drain(lane), wait);
          return;
        }
        lane.queue.shift();
        if (next.chunk === 'end') lane.to.end();
        else lane.to.write(next.chunk);
      }
      // A side that closed goes once everything it sent has been passed on.
      if (lane.from.closed) teardown();
    }
    for (const lane of lanes) {
      lane.from.on('data', (chunk: Buffer) => {
        lane.queue.push({ chunk, arrivedAt: Date.now() });
        drain(lane);
      });
      lane.from.on('end', () => {
        lane.queue.push({ chunk: 'end', arrivedAt: Date.now() });
        drain(lane);
      });
      lane.from.on('error', teardown);
      lane.from.on('close', () => {
        if (lane.queue.length === 0) teardown();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const resetAll = () => {
    for (const pair of pairs) {
      pair.client.resetAndDestroy();
      pair.server.destroy();
    }
    pairs.clear();
  };
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      pairs.clear();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(close, options.lifetimeMs ?? 120_000);
  lifetime.unref();

  return {
    host: '127.0.0.1',
    port,
    proxiedUrl(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    setMode(next) {
      mode = next;
      if (mode.kind === 'reset') resetAll();
      // Held or delayed bytes move on under the new mode.
      else for (const pair of pairs) pair.pump();
    },
    connections: () => pairs.size,
    close,
  };
}
