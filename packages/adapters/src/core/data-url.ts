import { AdapterError } from '../spec/adapter-error';

export interface InlineData {
  /** e.g. `image/png`. */
  readonly mediaType: string;
  /** Base64 without the `data:` prefix. */
  readonly base64: string;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)(?:;[\w-]+=[^;,]*)*;base64,(.*)$/s;

/** Splits a base64 `data:` URL; undefined for any other URL. */
export function parseDataUrl(url: string): InlineData | undefined {
  if (!url.startsWith('data:')) return undefined;
  const match = DATA_URL.exec(url);
  if (!match) {
    throw new AdapterError('invalid_request', 'A data: URL must be base64 with a media type', {
      param: 'messages',
    });
  }
  return { mediaType: match[1]!, base64: match[2]! };
}
