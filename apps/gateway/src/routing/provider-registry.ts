import { createVertexAdapter, getProvider, type ProviderAdapter } from '@oneapi/adapters';
import type { GatewayConfig } from '../config';

/** The providers this gateway sends requests through: the adapters' own, set up by config. */
export interface ProviderRegistry {
  getProvider(type: string): ProviderAdapter;
}

/**
 * The adapters' table, with the adapters an operator's settings configure built for them:
 * Vertex AI's token endpoint (`VERTEX_TOKEN_URL`).
 */
export function createProviderRegistry(
  config: Pick<GatewayConfig, 'vertexTokenUrl'>,
): ProviderRegistry {
  if (!config.vertexTokenUrl) return { getProvider };
  const vertex = createVertexAdapter({ tokenUrl: config.vertexTokenUrl });
  return { getProvider: (type) => (type === vertex.id ? vertex : getProvider(type)) };
}
