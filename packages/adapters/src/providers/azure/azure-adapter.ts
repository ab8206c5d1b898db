import type { UpstreamTarget } from '../../spec/provider-adapter';
import { openAICompatible } from '../openai/openai-compatible';

export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/**
 * Azure OpenAI URLs: the resource URL plus a deployment, with `api-version` in the query.
 * The deployment is the channel's `deployment` setting or, as in One API, the model name
 * with dots removed (Azure deployment names cannot contain them). With apiVersion `v1`,
 * the newer `/openai/v1` endpoint takes the model in the body instead, as the Responses API
 * always does.
 */
export function buildAzureUrl(
  target: UpstreamTarget,
  path: string,
  request: { model: string },
): string {
  // The Responses API is served per resource, not per deployment (the deployment is the
  // body's model): on the v1 API unless the channel names a dated (preview) version.
  if (path === '/responses' && target.config.apiVersion && target.config.apiVersion !== 'v1')
    return `${target.baseUrl}/openai/responses?api-version=${encodeURIComponent(String(target.config.apiVersion))}`;
  const version = String(
    target.config.apiVersion || (path === '/responses' ? 'v1' : DEFAULT_AZURE_API_VERSION),
  );
  if (version === 'v1') return `${target.baseUrl}/openai/v1${path}`;
  const deployment = String(target.config.deployment || request.model.replace(/\./g, ''));
  return `${target.baseUrl}/openai/deployments/${encodeURIComponent(deployment)}${path}?api-version=${encodeURIComponent(version)}`;
}

export const azureAdapter = openAICompatible({
  id: 'azure',
  name: 'Azure OpenAI',
  defaultBaseUrl: undefined,
  embeddings: true,
  endpoints: [
    '/completions',
    '/images/generations',
    '/audio/speech',
    '/audio/transcriptions',
    '/audio/translations',
    '/responses',
  ],
  quirks: { auth: 'api-key-header' },
  buildUrl: buildAzureUrl,
  configFields: [
    {
      name: 'apiVersion',
      label: 'API version',
      required: false,
      default: DEFAULT_AZURE_API_VERSION,
    },
    {
      name: 'deployment',
      label: 'Deployment',
      required: false,
      description: 'Defaults to the model name without dots.',
    },
  ],
});
