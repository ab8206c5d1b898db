import { defineProvider } from '../../core/define-provider';
import { asRecord } from '../../core/parse-json';
import type {
  NativeRequestInit,
  ProviderAdapter,
  UpstreamRequest,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import { createAnthropicStreamDecoder } from '../anthropic/anthropic-stream-decoder';
import { fromAnthropicResponse } from '../anthropic/from-anthropic-response';
import { parseAnthropicError } from '../anthropic/parse-anthropic-error';
import { fromGeminiResponse } from '../gemini/from-gemini-response';
import { createGeminiStreamDecoder } from '../gemini/gemini-stream-decoder';
import { parseGeminiError } from '../gemini/parse-gemini-error';
import { toGeminiRequest } from '../gemini/to-gemini-request';
import {
  buildVertexAnthropicCountTokensUrl,
  buildVertexAnthropicUrl,
  isVertexClaudeModel,
  toVertexAnthropicBody,
  toVertexAnthropicCountTokensBody,
  toVertexAnthropicPassthroughBody,
} from './vertex-anthropic';
import { createVertexAuth, type VertexAuth } from './vertex-auth';
import { parseServiceAccount, unusableKey } from './vertex-service-account';
import {
  buildVertexUrl,
  VERTEX_DEFAULT_REGION,
  type VertexLocation,
  vertexBaseUrl,
} from './vertex-url';

export interface VertexAdapterOptions {
  /** Token source; tests inject one that talks to a local token server. */
  readonly auth?: VertexAuth;
  /**
   * Where service-account assertions are exchanged for tokens, for the default token source;
   * default Google's. An operator's setting (a Private Service Connect endpoint, an egress
   * proxy), never a channel's.
   */
  readonly tokenUrl?: string;
}

/**
 * Gemini and Claude on Vertex AI. Gemini models use Gemini's body and responses, Claude
 * models (the `anthropic` publisher) Anthropic's, so both mappers are reused; only the URL
 * (project, region, publisher) and auth (service account -> OAuth token) are Vertex's own.
 * The channel key is the service-account JSON key file.
 */
export function createVertexAdapter(options: VertexAdapterOptions = {}): ProviderAdapter {
  const auth =
    options.auth ?? createVertexAuth(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {});
  const toVertexAnthropicRequest = async (
    url: string,
    init: NativeRequestInit,
    target: UpstreamTarget,
    toBody: (init: NativeRequestInit) => string,
  ): Promise<UpstreamRequest> => {
    const token = await auth.getAccessToken(target.apiKey);
    const beta = init.headers['anthropic-beta'];
    return {
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(beta !== undefined && { 'anthropic-beta': beta }),
        authorization: `Bearer ${token}`,
      },
      body: toBody(init),
    };
  };
  return defineProvider({
    id: 'vertex',
    name: 'Google Vertex AI (Gemini, Claude)',
    kind: 'native',
    // The host depends on the region, so there is no single default.
    defaultBaseUrl: undefined,
    capabilities: { vision: true },
    streamFraming: 'sse',
    configFields: [
      {
        name: 'project',
        label: 'Project ID',
        required: false,
        description: "Google Cloud project; defaults to the service account's project_id.",
      },
      {
        name: 'region',
        label: 'Region',
        required: false,
        description: 'e.g. us-central1, europe-west4, or global.',
        default: VERTEX_DEFAULT_REGION,
      },
    ],

    async buildChatRequest(request, target) {
      const location = readLocation(target);
      const claude = isVertexClaudeModel(request.model);
      const [body, token] = await Promise.all([
        claude
          ? toVertexAnthropicBody(request, target)
          : toGeminiRequest(request, target.fetch ? { fetch: target.fetch } : {}),
        auth.getAccessToken(target.apiKey),
      ]);
      const baseUrl = target.baseUrl || vertexBaseUrl(location.region);
      const buildUrl = claude ? buildVertexAnthropicUrl : buildVertexUrl;
      return {
        url: buildUrl(baseUrl, location, request.model, request.stream === true),
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      };
    },
    native: [
      // Anthropic clients asking for Claude pass through: the body as written, model in the URL.
      {
        format: 'anthropic-messages',
        servesModel: isVertexClaudeModel,
        async buildRequest(init, target) {
          const url = buildVertexAnthropicUrl(
            vertexBase(target),
            readLocation(target),
            init.model,
            init.stream,
          );
          return toVertexAnthropicRequest(url, init, target, toVertexAnthropicPassthroughBody);
        },
        // Claude on Vertex counts tokens too, at one URL for every model (Claude Code's
        // `count-tokens:rawPredict`).
        async buildCountTokensRequest(init, target) {
          const url = buildVertexAnthropicCountTokensUrl(vertexBase(target), readLocation(target));
          return toVertexAnthropicRequest(url, init, target, toVertexAnthropicCountTokensBody);
        },
      },
      // Gemini clients asking for any other model pass through too: Vertex takes the same
      // GenerateContent body as Gemini's API, byte for byte; only the URL and the OAuth
      // token are Vertex's.
      {
        format: 'gemini-generate-content',
        servesModel: (model) => !isVertexClaudeModel(model),
        async buildRequest(init, target) {
          const location = readLocation(target);
          const token = await auth.getAccessToken(target.apiKey);
          return {
            url: buildVertexUrl(
              target.baseUrl || vertexBaseUrl(location.region),
              location,
              init.model,
              init.stream,
            ),
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: init.body,
          };
        },
      },
    ],
    parseChatResponse: (body, request) =>
      isVertexClaudeModel(request.model)
        ? fromAnthropicResponse(body)
        : fromGeminiResponse(body, request),
    createStreamDecoder: (request) =>
      isVertexClaudeModel(request.model)
        ? createAnthropicStreamDecoder()
        : createGeminiStreamDecoder(request),
    // Claude's errors keep Anthropic's `{"type":"error"}` body on Vertex; Google's own do not.
    parseError: (response) =>
      isAnthropicErrorBody(response.body)
        ? parseAnthropicError(response)
        : parseGeminiError(response),
  });
}

function readLocation(target: UpstreamTarget): VertexLocation {
  const region = stringSetting(target.config.region) ?? VERTEX_DEFAULT_REGION;
  const project =
    stringSetting(target.config.project) ?? parseServiceAccount(target.apiKey).project_id;
  if (!project) throw unusableKey('Vertex AI needs a project: set it on the channel');
  return { project, region };
}

function isAnthropicErrorBody(body: string): boolean {
  try {
    return asRecord(JSON.parse(body)).type === 'error';
  } catch {
    return false;
  }
}

const stringSetting = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Vertex AI with the process-wide token cache. */
export const vertexAdapter: ProviderAdapter = createVertexAdapter();

const vertexBase = (target: UpstreamTarget) =>
  target.baseUrl || vertexBaseUrl(readLocation(target).region);
