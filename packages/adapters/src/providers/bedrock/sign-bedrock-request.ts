import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { BedrockCredentials } from './parse-bedrock-credentials';

export interface SignBedrockRequestInput {
  readonly url: URL;
  readonly region: string;
  readonly credentials: BedrockCredentials;
  /** The exact body text that will be sent; its SHA-256 is part of the signature. */
  readonly body: string;
  /** Headers to sign along with the ones SigV4 adds; names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Signs a Bedrock runtime request with AWS SigV4 (service `bedrock`) and returns the headers
 * to send: the given ones plus `host`, `x-amz-date`, `x-amz-content-sha256`,
 * `x-amz-security-token` (temporary credentials) and `authorization`.
 * The path is signed as sent (already URL-encoded); SignatureV4 encodes it once more for the
 * canonical request, as every AWS service except S3 expects.
 */
export async function signBedrockRequest(
  input: SignBedrockRequestInput,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'bedrock',
    region: input.region,
    credentials: input.credentials,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: input.url.protocol,
      hostname: input.url.hostname,
      ...(input.url.port && { port: Number(input.url.port) }),
      path: input.url.pathname,
      query: {},
      // `host` must be signed; it is the authority the request goes to, port included.
      headers: { ...input.headers, host: input.url.host },
      body: input.body,
    },
    { signingDate: new Date() },
  );
  return Object.fromEntries(
    Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
}
