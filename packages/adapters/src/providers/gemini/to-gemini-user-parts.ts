import { parseDataUrl } from '../../core/data-url';
import { fetchImage } from '../../core/fetch-image';
import { AdapterError } from '../../spec/adapter-error';
import type { ContentPart } from '../../spec/openai-chat-request';
import type { GeminiPart } from './gemini-api';

export interface ImageFetchOptions {
  /**
   * The fetch image URLs go through (the client's). Private addresses are refused whatever
   * the channel allows: image URLs come from the API caller.
   */
  readonly fetch?: typeof fetch;
}

/**
 * A user message's content as Gemini parts. Gemini takes media as inline bytes, so image
 * URLs are fetched here (data: URLs are split without network access).
 */
export async function toGeminiUserParts(
  content: string | ContentPart[],
  options: ImageFetchOptions,
): Promise<GeminiPart[]> {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const parts: GeminiPart[] = [];
  for (const part of content) {
    const converted = await toGeminiUserPart(part, options);
    if (converted) parts.push(converted);
  }
  return parts;
}

async function toGeminiUserPart(
  part: ContentPart,
  options: ImageFetchOptions,
): Promise<GeminiPart | undefined> {
  switch (part.type) {
    case 'text':
      // Gemini rejects empty text parts.
      return part.text === '' ? undefined : { text: part.text };
    case 'image_url': {
      const image = await fetchImage(
        part.image_url.url,
        options.fetch ? { fetch: options.fetch } : {},
      );
      return { inlineData: { mimeType: image.mediaType, data: image.base64 } };
    }
    case 'input_audio':
      // OpenAI formats are `wav` and `mp3`; Gemini accepts audio/wav and audio/mp3.
      return {
        inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data },
      };
    case 'file': {
      const inline = part.file.file_data ? parseDataUrl(part.file.file_data) : undefined;
      if (!inline) {
        throw new AdapterError(
          'unsupported',
          'Gemini takes files only as base64 data: URLs in file.file_data',
          { param: 'messages' },
        );
      }
      return { inlineData: { mimeType: inline.mediaType, data: inline.base64 } };
    }
  }
}
