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
  return new NodeBodyResponse(source, init) as unknown as Response;
}

type Init = Parameters<typeof createNodeBodyResponse>[1];

// Response's members are typed as properties, which a subclass may not redefine as methods
// and accessors: the class extends it with its members untyped, and is cast back once.
const ResponseBase = Response as unknown as new (body: null, init: Init) => object;

/**
 * A class rather than properties defined on each Response: one object per answer, where
 * defining them on each cost eighteen more (closures and descriptors) and left the Response a
 * dictionary-mode object, slow to read from.
 */
class NodeBodyResponse extends ResponseBase {
  readonly #source: NodeBody;
  readonly #init: Init;
  #web: Response | undefined;
  #readDirectly = false;

  constructor(source: NodeBody, init: Init) {
    super(null, init);
    this.#source = source;
    this.#init = init;
  }

  // Readable.toWeb, not the Node stream as an async iterable: a web body cancelled while its
  // read waits (a client leaving a silent stream) must destroy the socket then, and an async
  // iterator's return() waits behind the pending read for as long as the upstream is silent.
  #toWeb(): Response {
    this.#web ??= new Response(
      Readable.toWeb(this.#source) as ReadableStream<Uint8Array>,
      this.#init,
    );
    return this.#web;
  }

  // Read straight from the Node stream unless a web body was asked for first.
  #read<T>(name: 'text' | 'json' | 'arrayBuffer'): Promise<T> {
    if (this.#web) return this.#web[name]() as Promise<T>;
    if (this.#readDirectly)
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#readDirectly = true;
    return this.#source[name]() as Promise<T>;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#readDirectly ? null : this.#toWeb().body;
  }

  get bodyUsed(): boolean {
    return this.#readDirectly || (this.#web?.bodyUsed ?? false);
  }

  text(): Promise<string> {
    return this.#read('text');
  }

  json(): Promise<unknown> {
    return this.#read('json');
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read('arrayBuffer');
  }

  blob(): Promise<Blob> {
    return this.#toWeb().blob();
  }

  formData(): Promise<FormData> {
    return this.#toWeb().formData();
  }

  bytes(): Promise<Uint8Array> {
    // Node's Response has bytes(); the DOM typings this project compiles against do not yet.
    return (this.#toWeb() as Response & { bytes(): Promise<Uint8Array> }).bytes();
  }

  clone(): Response {
    return this.#toWeb().clone();
  }
}
