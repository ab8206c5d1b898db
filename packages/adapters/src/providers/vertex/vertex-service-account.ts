import { z } from 'zod';
import { AdapterError } from '../../spec/adapter-error';

/** The fields of a Google service-account key file (JSON) that the adapter reads. */
const serviceAccountSchema = z.looseObject({
  client_email: z.string().min(1),
  /** PKCS#8 PEM. */
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  project_id: z.string().optional(),
});

export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

/** The channel key as a service account; a key that is not one can never work. */
export function parseServiceAccount(json: string): ServiceAccount {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw unusableKey('The Vertex AI channel key must be a service-account JSON key file');
  }
  const parsed = serviceAccountSchema.safeParse(value);
  if (!parsed.success) {
    throw unusableKey('The service-account JSON needs client_email and private_key');
  }
  return parsed.data;
}

export const unusableKey = (message: string, cause?: unknown) =>
  new AdapterError('upstream_auth_failed', message, { cause });
