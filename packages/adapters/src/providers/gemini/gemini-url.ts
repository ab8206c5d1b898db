/** The method suffix; `alt=sse` makes the stream SSE instead of one growing JSON array. */
export function generateContentMethod(stream: boolean): string {
  return stream ? ':streamGenerateContent?alt=sse' : ':generateContent';
}

/**
 * The model's resource path, segments URL-encoded. A bare name is a base model
 * (`models/gemini-2.5-flash`); a name with a slash is already a resource path
 * (`tunedModels/my-model`) and is kept.
 */
export function modelResourcePath(model: string, collection = 'models'): string {
  const path = model.includes('/') ? model : `${collection}/${model}`;
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `POST {base}/v1beta/models/{model}:generateContent` (or the SSE stream method). */
export function buildGeminiUrl(baseUrl: string, model: string, stream: boolean): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1beta/${modelResourcePath(model)}${generateContentMethod(stream)}`;
}
