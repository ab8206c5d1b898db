import { applyRequestOverrides, readRequestOverrides } from '../../core/apply-request-overrides';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import { parseBedrockCredentials } from './parse-bedrock-credentials';
import { signBedrockRequest } from './sign-bedrock-request';
import { toBedrockRequest } from './to-bedrock-request';

/**
 * Builds the HTTP request for Converse (`POST /model/{modelId}/converse`) or ConverseStream
 * (`/converse-stream`). The model id is URL-encoded: ids with `:` (`...-v1:0`) and
 * inference-profile ARNs must not be read as path structure.
 *
 * Auth, from the channel config `authMode`:
 * - default (`sigv4`): the key is `ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]` and the
 *   request is SigV4-signed for service `bedrock` in the configured region;
 * - `api-key`: the key is a Bedrock API key, sent as `Authorization: Bearer <key>`.
 */
export async function buildBedrockRequest(
  request: ChatRequest,
  target: UpstreamTarget,
): Promise<UpstreamRequest> {
  // Checked before the body is built, so a bad key fails before any image is fetched.
  const auth = readBedrockAuth(target);
  const body = JSON.stringify(
    await toBedrockRequest(request, target.fetch ? { fetch: target.fetch } : {}),
  );
  const operation = request.stream === true ? 'converse-stream' : 'converse';
  return authorizeBedrockOperation(target, auth, request.model, operation, body);
}

type BedrockAuth = ReturnType<typeof readBedrockAuth>;

function readBedrockAuth(target: UpstreamTarget) {
  const region = readRegion(target);
  const useApiKey = target.config.authMode === 'api-key';
  return { region, credentials: useApiKey ? undefined : parseBedrockCredentials(target.apiKey) };
}

/**
 * `POST {base}/model/{modelId}/{operation}` with `body`, authenticated as the channel says.
 * Shared by Converse, InvokeModel (Anthropic clients passed through) and CountTokens.
 */
export async function buildBedrockOperation(
  target: UpstreamTarget,
  model: string,
  operation:
    | 'converse'
    | 'converse-stream'
    | 'invoke'
    | 'invoke-with-response-stream'
    | 'count-tokens',
  body: string,
): Promise<UpstreamRequest> {
  return authorizeBedrockOperation(target, readBedrockAuth(target), model, operation, body);
}

async function authorizeBedrockOperation(
  target: UpstreamTarget,
  { region, credentials }: BedrockAuth,
  model: string,
  operation: string,
  body: string,
): Promise<UpstreamRequest> {
  const baseUrl = (target.baseUrl || defaultBedrockBaseUrl(region)).replace(/\/+$/, '');
  const url = new URL(`${baseUrl}/model/${encodeURIComponent(model)}/${operation}`);
  // SigV4 signs the headers and the body's hash: the channel's overrides go on before the
  // signature (the client applies them again after, which then changes nothing).
  const unsigned = applyRequestOverrides(
    { url: url.toString(), method: 'POST', headers: { 'content-type': 'application/json' }, body },
    readRequestOverrides(target.config),
  );
  if (!credentials) {
    return {
      ...unsigned,
      headers: { ...unsigned.headers, authorization: `Bearer ${target.apiKey}` },
    };
  }
  const signed = await signBedrockRequest({
    url,
    region,
    credentials,
    body: String(unsigned.body),
    headers: unsigned.headers,
  });
  return { ...unsigned, headers: signed };
}

/** `https://bedrock-runtime.{region}.amazonaws.com`, used when the channel has no base URL. */
export function defaultBedrockBaseUrl(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}

function readRegion(target: UpstreamTarget): string {
  const region = target.config.region;
  // A region goes into the host name and the signature scope: accept only its real shape.
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new AdapterError(
      'upstream_auth_failed',
      'The Bedrock channel needs config.region, an AWS region such as us-east-1',
    );
  }
  return region;
}
