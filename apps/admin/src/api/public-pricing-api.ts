import type { ModelPrice } from './price-types';
import { request } from './request';

/** GET /api/public/pricing: what anyone may read while root publishes it (404 otherwise). */
export interface PublicPricing {
  /** When the shipped list prices were copied (`2025-08`). */
  readonly defaultsAsOf: string;
  readonly models: readonly { readonly model: string; readonly price: ModelPrice }[];
  readonly groups: readonly { readonly group: string; readonly ratio: number }[];
}

export const getPublicPricing = () => request<PublicPricing>('GET', '/api/public/pricing');
