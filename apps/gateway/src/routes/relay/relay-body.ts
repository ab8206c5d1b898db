import { withJsonMember, withJsonModel } from '@oneapi/adapters';
import type { Context } from 'hono';
import { GatewayError } from '../../http/gateway-error';
import { readJsonBody } from '../../http/read-json';

/** A relay request body as the gateway forwards it: read once, re-encoded only when it must be. */
export interface RelayBody {
  readonly model: string;
  /** The parsed body of a JSON request. */
  readonly json: Readonly<Record<string, unknown>> | undefined;
  /** The parsed body of a multipart request (file uploads). */
  readonly form: FormData | undefined;
  /** Size in bytes of the body as it came. */
  readonly byteLength: number;
  /** Size in bytes of the uploaded file of a multipart request, 0 without one. */
  readonly fileBytes: number;
  /**
   * The body to send upstream with `model` set to the upstream's name and `patch` applied.
   * A JSON body's other bytes go out as they came: the members are set in its text, never
   * re-encoded (`JSON.stringify` of a 20 MiB body held the event loop 25-85 ms in one call).
   */
  encodeFor(
    upstreamModel: string,
    patch?: Readonly<Record<string, unknown>>,
  ): Promise<{ body: string | Uint8Array; contentType: string }>;
}

/** Reads a JSON or multipart relay body; the error says what is wrong with it. */
export async function readRelayBody(c: Context, kind: 'json' | 'multipart'): Promise<RelayBody> {
  return kind === 'json' ? readJsonRelayBody(c) : readMultipartBody(c);
}

async function readJsonRelayBody(c: Context): Promise<RelayBody> {
  const { bytes, json } = await readJsonBody(c);
  return jsonRelayBody(bytes, json);
}

/** A JSON relay body from its bytes and their parse (a route that read it already). */
export function jsonRelayBody(bytes: Uint8Array, json: unknown): RelayBody {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new GatewayError('invalid_request', 'The request body must be a JSON object');
  const body = json as Record<string, unknown>;
  const model = requireModel(body.model);
  return {
    model,
    json: body,
    form: undefined,
    byteLength: bytes.length,
    fileBytes: 0,
    async encodeFor(upstreamModel, patch) {
      let encoded = upstreamModel === model ? bytes : withJsonModel(bytes, upstreamModel);
      for (const [key, value] of Object.entries(patch ?? {}))
        encoded = withJsonMember(encoded, key, value);
      return { body: encoded, contentType: 'application/json' };
    },
  };
}

async function readMultipartBody(c: Context): Promise<RelayBody> {
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    throw new GatewayError('invalid_request', 'The request body must be multipart/form-data');
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new GatewayError('invalid_request', 'The multipart body could not be parsed');
  }
  const model = requireModel(form.get('model'));
  const file = form.get('file') ?? form.get('image');
  return {
    model,
    json: undefined,
    form,
    byteLength: bytes.length,
    fileBytes: file instanceof Blob ? file.size : 0,
    async encodeFor(upstreamModel, patch) {
      if (upstreamModel === model && !patch) return { body: bytes, contentType };
      const copy = new FormData();
      for (const [name, value] of form) if (name !== 'model') copy.append(name, value);
      copy.set('model', upstreamModel);
      for (const [name, value] of Object.entries(patch ?? {})) copy.set(name, String(value));
      // Response serialises FormData with a fresh boundary and tells us which.
      const encoded = new Response(copy);
      return {
        body: new Uint8Array(await encoded.arrayBuffer()),
        contentType: encoded.headers.get('content-type') as string,
      };
    },
  };
}

function requireModel(value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new GatewayError('invalid_request', 'model: a model name is required', {
      param: 'model',
    });
  return value;
}
