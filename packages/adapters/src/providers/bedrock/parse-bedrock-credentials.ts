import { AdapterError } from '../../spec/adapter-error';

export interface BedrockCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary (STS) credentials. */
  readonly sessionToken?: string;
}

/**
 * Reads a channel key of the form `ACCESS_KEY_ID:SECRET_ACCESS_KEY` or
 * `ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN`. None of the three can contain `:`
 * (secrets and STS tokens are base64), so splitting on it is unambiguous.
 * Errors name the expected format but never echo any part of the key.
 */
export function parseBedrockCredentials(apiKey: string): BedrockCredentials {
  const parts = apiKey.trim().split(':');
  const [accessKeyId, secretAccessKey, sessionToken] = parts;
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    parts.some((part) => part === '' || /\s/.test(part))
  ) {
    throw new AdapterError(
      'upstream_auth_failed',
      `The Bedrock channel key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY or ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN (found ${parts.length} part(s), or an empty or spaced one); set config authMode to "api-key" for a Bedrock API key`,
    );
  }
  return {
    accessKeyId: accessKeyId!,
    secretAccessKey: secretAccessKey!,
    ...(sessionToken !== undefined && { sessionToken }),
  };
}
