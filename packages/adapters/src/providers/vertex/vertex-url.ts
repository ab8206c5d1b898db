import { AdapterError } from '../../spec/adapter-error';
import { generateContentMethod, modelResourcePath } from '../gemini/gemini-url';

export const VERTEX_DEFAULT_REGION = 'us-central1';

export interface VertexLocation {
  readonly project: string;
  readonly region: string;
}

/** `global` has no regional host; every other region is `{region}-aiplatform.googleapis.com`. */
export function vertexBaseUrl(region: string): string {
  // The region becomes part of a host name, so only a plain region name is allowed.
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region)) {
    throw new AdapterError('upstream_auth_failed', `"${region}" is not a Vertex AI region name`, {
      param: 'region',
    });
  }
  return region === 'global'
    ? 'https://aiplatform.googleapis.com'
    : `https://${region}-aiplatform.googleapis.com`;
}

/**
 * `{base}/v1beta1/projects/{p}/locations/{r}/publishers/google/models/{m}:generateContent`.
 * v1beta1, like Google's own SDK, because `parametersJsonSchema` and `responseJsonSchema`
 * (which the shared Gemini mapper sends) are beta fields on Vertex.
 */
export function buildVertexUrl(
  baseUrl: string,
  location: VertexLocation,
  model: string,
  stream: boolean,
): string {
  const locationPath = `projects/${encodeURIComponent(location.project)}/locations/${encodeURIComponent(location.region)}`;
  const modelPath = modelResourcePath(model, 'publishers/google/models');
  return `${baseUrl.replace(/\/+$/, '')}/v1beta1/${locationPath}/${modelPath}${generateContentMethod(stream)}`;
}
