import {
  ADAPTER_SPEC_VERSION,
  type ProviderAdapter,
  type ProviderCapabilities,
} from '../spec/provider-adapter';

const CHAT_ONLY: ProviderCapabilities = {
  chat: true,
  stream: true,
  tools: true,
  vision: false,
  embeddings: false,
  images: false,
  audio: false,
};

/** Fills in the contract version and default capabilities, so a provider file states only what differs. */
export function defineProvider(
  provider: Omit<ProviderAdapter, 'specVersion' | 'capabilities'> & {
    capabilities?: Partial<ProviderCapabilities>;
  },
): ProviderAdapter {
  return {
    ...provider,
    specVersion: ADAPTER_SPEC_VERSION,
    capabilities: {
      ...CHAT_ONLY,
      ...provider.capabilities,
      embeddings: provider.embeddings !== undefined,
    },
  };
}
