import { request } from 'node:http';

/**
 * An HTTP request with node:http that hands over a response arriving while the body is still
 * being sent, and then stops sending: as curl does with an early 413 (clients that send on
 * regardless get it too: the gateway drains a refused body, see drain-unread-body.ts).
 * A function body is sent in its pieces with chunked transfer encoding.
 */
export function sendRaw(
  url: string,
  options: {
    method: string;
    headers: Record<string, string>;
    body?: string | Uint8Array | (() => AsyncIterable<Uint8Array>) | undefined;
  },
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    // A connection of its own: one the server closed after a refused body is never reused.
    const outgoing = request(url, {
      method: options.method,
      headers: options.headers,
      agent: false,
    });
    outgoing.on('response', async (incoming) => {
      answered = true;
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of incoming) chunks.push(chunk as Buffer);
      } catch {
        // The connection went after the answer (the server stops draining a refused body).
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers))
        if (typeof value === 'string') headers.set(name, value);
      resolve({
        status: incoming.statusCode ?? 0,
        headers,
        text: Buffer.concat(chunks).toString('utf8'),
      });
      outgoing.destroy();
    });
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    const { body } = options;
    if (typeof body !== 'function') return void outgoing.end(body);
    void (async () => {
      for await (const piece of body()) {
        if (answered || outgoing.destroyed) return;
        if (!outgoing.write(piece)) await new Promise((resume) => outgoing.once('drain', resume));
      }
      outgoing.end();
    })().catch(() => {});
  });
}
