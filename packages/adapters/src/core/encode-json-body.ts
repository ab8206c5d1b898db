import type { UpstreamTarget } from '../spec/provider-adapter';

/** A request body as JSON, through the host's encoder when it gave one (`UpstreamTarget.encodeJson`). */
export function encodeJsonBody(target: UpstreamTarget, body: object): Promise<string | Uint8Array> {
  return target.encodeJson ? target.encodeJson(body) : Promise.resolve(JSON.stringify(body));
}
