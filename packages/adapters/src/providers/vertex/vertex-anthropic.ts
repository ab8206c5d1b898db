import type { ChatRequest } from '../../spec/openai-chat-request';
import type { NativeRequestInit, UpstreamTarget } from '../../spec/provider-adapter';
import { toAnthropicBody } from '../anthropic/to-anthropic-request';
import type { VertexLocation } from './vertex-url';

/** Claude on Vertex AI is served by the `anthropic` publisher; its model ids start with `claude`. */
const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

export const isVertexClaudeModel = (model: string) => model.startsWith('claude');

/**
 * The Anthropic Messages body as Vertex wants it: no `model` (it is in the URL) and
 * `anthropic_version: vertex-2023-10-16` instead of the header.
 */
export function toVertexAnthropicBody(request: ChatRequest, target: UpstreamTarget) {
  const { model: _inUrl, ...body } = toAnthropicBody(request, target);
  return { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...body };
}

/**
 * An Anthropic client's body as written, for Claude on Vertex: `model` moves into the URL and
 * `anthropic_version` is Vertex's unless the client set one; every other field is kept.
 */
export function toVertexAnthropicPassthroughBody(init: NativeRequestInit): string {
  const { model: _inUrl, ...body } = init.json;
  return JSON.stringify({ anthropic_version: VERTEX_ANTHROPIC_VERSION, ...body });
}

/**
 * The same body for Vertex's count-tokens endpoint, which names the model in the body (one
 * URL counts for every Claude model): the client's body, the upstream model, the version.
 */
export function toVertexAnthropicCountTokensBody(init: NativeRequestInit): string {
  return JSON.stringify({
    anthropic_version: VERTEX_ANTHROPIC_VERSION,
    ...init.json,
    model: init.model,
  });
}

/** `{base}/v1/projects/{p}/locations/{r}/publishers/anthropic/models/{m}:rawPredict` (or :streamRawPredict). */
export function buildVertexAnthropicUrl(
  baseUrl: string,
  location: VertexLocation,
  model: string,
  stream: boolean,
): string {
  const locationPath = `projects/${encodeURIComponent(location.project)}/locations/${encodeURIComponent(location.region)}`;
  const method = stream ? 'streamRawPredict' : 'rawPredict';
  return `${baseUrl.replace(/\/+$/, '')}/v1/${locationPath}/publishers/anthropic/models/${encodeURIComponent(model)}:${method}`;
}

/** `{base}/v1/projects/{p}/locations/{r}/publishers/anthropic/models/count-tokens:rawPredict`. */
export function buildVertexAnthropicCountTokensUrl(
  baseUrl: string,
  location: VertexLocation,
): string {
  return buildVertexAnthropicUrl(baseUrl, location, 'count-tokens', false);
}
