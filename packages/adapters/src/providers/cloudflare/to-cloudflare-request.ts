import { toTextMessages } from '../../core/to-text-messages';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';

/** Builds `POST /accounts/{accountId}/ai/run/{model}`. */
export function toCloudflareRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  const maxTokens = requestedMaxTokens(request);
  const tools = request.tool_choice === 'none' ? [] : (request.tools ?? []);
  const body = {
    messages: toTextMessages(request.messages, 'Workers AI'),
    stream: request.stream === true,
    ...(maxTokens !== undefined && { max_tokens: maxTokens }),
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { top_p: request.top_p }),
    ...(request.seed != null && { seed: request.seed }),
    ...(request.presence_penalty != null && { presence_penalty: request.presence_penalty }),
    ...(request.frequency_penalty != null && { frequency_penalty: request.frequency_penalty }),
    ...(tools.length > 0 && {
      tools: tools.map(({ function: fn }) => ({
        type: 'function',
        function: { name: fn.name, description: fn.description, parameters: fn.parameters },
      })),
    }),
  };
  return {
    url: `${target.baseUrl}/accounts/${readAccountId(target)}/ai/run/${toModelPath(request.model)}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.apiKey}` },
    body: JSON.stringify(body),
  };
}

/**
 * The account id is half of a Cloudflare credential; without it the key cannot be used,
 * so the error is `upstream_auth_failed` (the key is set aside and the channel flagged).
 */
function readAccountId(target: UpstreamTarget): string {
  const accountId = target.config.accountId;
  if (typeof accountId !== 'string' || !/^[\w-]+$/.test(accountId)) {
    throw new AdapterError('upstream_auth_failed', 'The Cloudflare channel needs config.accountId');
  }
  return accountId;
}

/**
 * `@cf/meta/llama-3.1-8b-instruct` stays three path segments. Each is encoded (keeping `@`,
 * which is legal in a path) and `.`/`..` segments are refused so a model name cannot walk
 * up the URL.
 */
function toModelPath(model: string): string {
  const segments = model.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new AdapterError('invalid_request', `Not a Workers AI model name: ${model}`, {
      param: 'model',
    });
  }
  return segments.map((segment) => encodeURIComponent(segment).replaceAll('%40', '@')).join('/');
}
