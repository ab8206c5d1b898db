import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/*
 * A platform authenticator in software for the gateway's route tests, doing what a browser
 * and a passkey do per the WebAuthn spec (https://www.w3.org/TR/webauthn-2/): an ES256 key
 * pair per credential, `none` attestation, user presence and verification flags, and a
 * signature counter. The browser tests use Chromium's virtual authenticator instead.
 */

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

interface Credential {
  readonly id: Buffer;
  readonly privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'];
  readonly userHandle: string;
  counter: number;
}

/** The parts of the creation and request options an authenticator reads. */
export interface CreationOptions {
  readonly challenge: string;
  readonly rp: { readonly id?: string };
  readonly user: { readonly id: string };
}
export interface RequestOptions {
  readonly challenge: string;
  readonly rpId?: string;
  readonly allowCredentials?: readonly { readonly id: string }[];
}

/** `origin`: the page the browser runs the ceremony for; `at` in a call overrides it. */
export function createSoftwareAuthenticator(origin: string) {
  const credentials: Credential[] = [];
  const clientData = (type: string, challenge: string, at = origin) =>
    Buffer.from(JSON.stringify({ type, challenge, origin: at, crossOrigin: false }));
  const counterBytes = (counter: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(counter);
    return bytes;
  };

  return {
    credentials,

    /** navigator.credentials.create(): a new resident credential, as the browser sends it. */
    create(options: CreationOptions, at = origin) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const id = randomBytes(16);
      const credential = { id, privateKey, userHandle: options.user.id, counter: 0 };
      credentials.push(credential);
      const cose = new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const authenticatorData = Buffer.concat([
        sha256(options.rp.id ?? new URL(origin).hostname),
        Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL]),
        counterBytes(0),
        Buffer.alloc(16), // AAGUID: none
        idLength,
        id,
        isoCBOR.encode(cose),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authenticatorData],
        ]) as Parameters<typeof isoCBOR.encode>[0],
      );
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', options.challenge, at)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      };
    },

    /**
     * navigator.credentials.get(): an assertion by `credential` (default: the first allowed,
     * else the first held), its counter moved on by one unless `counter` says otherwise.
     */
    get(
      options: RequestOptions,
      pick: { credential?: Credential; counter?: number; at?: string } = {},
    ) {
      const allowed = options.allowCredentials?.map((entry) => entry.id);
      const credential =
        pick.credential ??
        credentials.find((held) => !allowed || allowed.includes(b64url(held.id)));
      if (!credential) throw new Error('no credential for this request');
      credential.counter = pick.counter ?? credential.counter + 1;
      const authenticatorData = Buffer.concat([
        sha256(options.rpId ?? new URL(origin).hostname),
        Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]),
        counterBytes(credential.counter),
      ]);
      const clientDataJSON = clientData('webauthn.get', options.challenge, pick.at);
      const signature = sign(
        'sha256',
        Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
        credential.privateKey,
      );
      return {
        id: b64url(credential.id),
        rawId: b64url(credential.id),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64url(clientDataJSON),
          authenticatorData: b64url(authenticatorData),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
      };
    },
  };
}
