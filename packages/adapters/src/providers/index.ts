import { AdapterError } from '../spec/adapter-error';
import type { ProviderAdapter } from '../spec/provider-adapter';
import { anthropicAdapter } from './anthropic/anthropic-adapter';
import { azureAdapter } from './azure/azure-adapter';
import { bedrockAdapter } from './bedrock/bedrock-adapter';
import { cloudflareAdapter } from './cloudflare/cloudflare-adapter';
import { cohereAdapter } from './cohere/cohere-adapter';
import { dashscopeAdapter } from './dashscope/dashscope-adapter';
import { geminiAdapter } from './gemini/gemini-adapter';
import { ollamaAdapter } from './ollama/ollama-adapter';
import { compatibleAdapters } from './openai/compatible-presets';
import { openaiAdapter } from './openai/openai-adapter';
import { vertexAdapter } from './vertex/vertex-adapter';

/** Every provider type, in the order the docs list them. The one table of providers. */
export const PROVIDERS: readonly ProviderAdapter[] = [
  openaiAdapter,
  azureAdapter,
  anthropicAdapter,
  bedrockAdapter,
  geminiAdapter,
  vertexAdapter,
  cohereAdapter,
  ollamaAdapter,
  dashscopeAdapter,
  cloudflareAdapter,
  ...compatibleAdapters,
];

const BY_ID = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

export function findProvider(id: string): ProviderAdapter | undefined {
  return BY_ID.get(id);
}

export function getProvider(id: string): ProviderAdapter {
  const provider = BY_ID.get(id);
  if (!provider) throw new AdapterError('unsupported', `Unknown provider type: ${id}`);
  return provider;
}
