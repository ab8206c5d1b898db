import { defineProvider } from '../../core/define-provider';
import type { ProviderAdapter, UpstreamTarget } from '../../spec/provider-adapter';
import { fromGeminiResponse } from '../gemini/from-gemini-response';
import { createGeminiStreamDecoder } from '../gemini/gemini-stream-decoder';
import { parseGeminiError } from '../gemini/parse-gemini-error';
import { toGeminiRequest } from '../gemini/to-gemini-request';
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
}

/**
 * Gemini on Vertex AI. The body and responses are Gemini's, so the Gemini mappers are
 * reused; only the URL (project, region) and auth (service account -> OAuth token) differ.
 * The channel key is the service-account JSON key file.
 */
export function createVertexAdapter(options: VertexAdapterOptions = {}): ProviderAdapter {
  const auth = options.auth ?? createVertexAuth();
  return defineProvider({
    id: 'vertex',
    name: 'Google Vertex AI (Gemini)',
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
      const [body, token] = await Promise.all([
        toGeminiRequest(request, {
          allowPrivateNetwork: target.config.allowPrivateNetwork === true,
        }),
        auth.getAccessToken(target.apiKey),
      ]);
      const baseUrl = target.baseUrl || vertexBaseUrl(location.region);
      return {
        url: buildVertexUrl(baseUrl, location, request.model, request.stream === true),
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      };
    },
    parseChatResponse: fromGeminiResponse,
    createStreamDecoder: createGeminiStreamDecoder,
    parseError: parseGeminiError,
  });
}

function readLocation(target: UpstreamTarget): VertexLocation {
  const region = stringSetting(target.config.region) ?? VERTEX_DEFAULT_REGION;
  const project =
    stringSetting(target.config.project) ?? parseServiceAccount(target.apiKey).project_id;
  if (!project) throw unusableKey('Vertex AI needs a project: set it on the channel');
  return { project, region };
}

const stringSetting = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Vertex AI with the process-wide token cache. */
export const vertexAdapter: ProviderAdapter = createVertexAdapter();
