import type { GroupRatioRow, ModelPrice, ModelPriceRow, PriceList } from './price-types';
import { request } from './request';

// Model names may hold slashes (`meta-llama/Llama-3.3-70B-Instruct`): always one path segment.
const modelPath = (model: string) => `/api/prices/models/${encodeURIComponent(model)}`;

export const getPrices = () => request<PriceList>('GET', '/api/prices');

/** Root only. */
export const setModelPrice = (model: string, price: ModelPrice) =>
  request<ModelPriceRow>('PUT', modelPath(model), price);

/** Root only: back to the shipped price, or none (the model is refused until priced). */
export const resetModelPrice = (model: string) =>
  request<ModelPriceRow>('DELETE', modelPath(model));

/** Root only. */
export const setGroupRatio = (group: string, ratio: number) =>
  request<GroupRatioRow>('PUT', `/api/prices/groups/${encodeURIComponent(group)}`, { ratio });
