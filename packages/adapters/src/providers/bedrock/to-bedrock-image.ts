import { fetchImage } from '../../core/fetch-image';
import { AdapterError } from '../../spec/adapter-error';
import type { BedrockContentBlock, BedrockImageFormat } from './bedrock-api';

const FORMATS: Readonly<Record<string, BedrockImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface ImageOptions {
  /**
   * The fetch image URLs go through (the client's). Private addresses are refused whatever
   * the channel allows: image URLs come from the API caller.
   */
  readonly fetch?: typeof fetch;
}

/**
 * Converse takes image bytes only, never a URL: `data:` URLs are split, http(s) URLs are
 * fetched (public addresses only).
 */
export async function toBedrockImage(
  url: string,
  options: ImageOptions,
): Promise<BedrockContentBlock> {
  const image = await fetchImage(url, options.fetch ? { fetch: options.fetch } : {});
  const format = FORMATS[image.mediaType.toLowerCase()];
  if (!format) {
    throw new AdapterError(
      'invalid_request',
      `Bedrock accepts png, jpeg, gif or webp images, not ${image.mediaType}`,
      { param: 'messages' },
    );
  }
  return { image: { format, source: { bytes: image.base64 } } };
}
