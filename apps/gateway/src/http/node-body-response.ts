import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

type NodeBody = Dispatcher.ResponseData['body'];

/**
 * A Response over undici's Node stream that builds the WHATWG body only when something asks
 * for `body` (a stream, a passthrough). `text()`, `json()` and `arrayBuffer()`, which is how
 * every non-stream answer and error body is read, take the Node stream's own readers, and
 * skip the ReadableStream, its reader and a promise per chunk that a Response body costs.
 * Everything else (`body`, `blob()`, `formData()`, `bytes()`, `clone()`) goes to a Response
 * over the same stream, built on first use; a body is read once either way.
 */
export function createNodeBodyResponse(
  source: NodeBody,
  init: { readonly status: number; readonly headers: Headers },
): Response {
  const response = new Response(null, init);
  let web: Response | undefined;
  let readDirectly = false;
  // Readable.toWeb, not the Node stream as an async iterable: a web body cancelled while its
  // read waits (a client leaving a silent stream) must destroy the socket then, and an async
  // iterator's return() waits behind the pending read for as long as the upstream is silent.
  const toWeb = () => {
    web ??= new Response(Readable.toWeb(source) as ReadableStream<Uint8Array>, init);
    return web;
  };
  const toWebMethod =
    (name: 'blob' | 'formData' | 'bytes' | 'clone') =>
    (...args: unknown[]) => {
      const target = toWeb();
      return (Reflect.get(target, name) as (...args: unknown[]) => unknown).apply(target, args);
    };
  // Read straight from the Node stream unless a web body was asked for first.
  const read = (name: 'text' | 'json' | 'arrayBuffer') => () => {
    if (web) return web[name]();
    if (readDirectly)
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    readDirectly = true;
    return source[name]();
  };
  Object.defineProperties(response, {
    body: { get: () => (readDirectly ? null : toWeb().body) },
    bodyUsed: { get: () => readDirectly || (web?.bodyUsed ?? false) },
    text: { value: read('text') },
    json: { value: read('json') },
    arrayBuffer: { value: read('arrayBuffer') },
    blob: { value: toWebMethod('blob') },
    formData: { value: toWebMethod('formData') },
    bytes: { value: toWebMethod('bytes') },
    clone: { value: toWebMethod('clone') },
  });
  return response;
}
