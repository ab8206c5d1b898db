import { z } from 'zod';

/**
 * Headers no channel may set or strip: credentials (the gateway sends the channel's key in
 * the provider's own header, and an override must never put a second one on the wire or
 * remove it), and hop-by-hop or framing headers, which belong to the connection and the
 * body the gateway writes, not to the request's meaning. Names in lower case.
 */
export const DENIED_OVERRIDE_HEADERS: ReadonlySet<string> = new Set([
  // credentials
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'cookie',
  'set-cookie',
  'x-amz-security-token',
  'x-amz-date',
  'x-amz-content-sha256',
  // hop-by-hop (RFC 9110 section 7.6.1) and the body's framing
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'expect',
]);

/**
 * Body fields the gateway owns: `model` is set by the channel's mapping, and `stream` decides
 * how the answer is read, so forcing or dropping either would break the relay, not tune it.
 */
export const DENIED_OVERRIDE_PARAMS: ReadonlySet<string> = new Set(['model', 'stream']);

// RFC 9110 field-name: a token.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

/** Why a header may not be overridden, or undefined when it may. */
function headerFault(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'not a header name';
  const lower = name.toLowerCase();
  return DENIED_OVERRIDE_HEADERS.has(lower) ? `${lower} is a header the gateway owns` : undefined;
}

function paramFault(name: string): string | undefined {
  if (name === '' || name.length > 128) return 'must be 1-128 characters';
  return DENIED_OVERRIDE_PARAMS.has(name) ? `${name} is a field the gateway owns` : undefined;
}

/** A record whose keys pass `fault`, each issue at its key so the error names it; max 50. */
const checkedRecord = <T extends z.ZodType>(
  value: T,
  fault: (name: string) => string | undefined,
) =>
  z.record(z.string(), value).superRefine((record, context) => {
    const names = Object.keys(record);
    if (names.length > 50) context.addIssue({ code: 'custom', message: 'at most 50 entries' });
    for (const name of names) {
      const message = fault(name);
      if (message) context.addIssue({ code: 'custom', path: [name], message });
    }
  });

const checkedList = (fault: (name: string) => string | undefined) =>
  z
    .array(z.string())
    .max(50)
    .superRefine((names, context) => {
      names.forEach((name, index) => {
        const message = fault(name);
        if (message) context.addIssue({ code: 'custom', path: [index], message });
      });
    });

const lowerCaseKeys = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]));

// No CR, LF or NUL: a value must not split into a second header.
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[^\r\n\0]*$/, 'may not contain CR, LF or NUL');

/**
 * A channel's per-request overrides, applied to every request sent to it (translated or
 * passed through) after the provider built it: stored as the channel setting `overrides`.
 */
export const requestOverridesSchema = z.strictObject({
  /** Headers set on every request (name -> value), replacing any the request had. */
  setHeaders: checkedRecord(headerValue, headerFault).transform(lowerCaseKeys).optional(),
  /** Header names removed from every request (a client's `anthropic-beta`, say). */
  stripHeaders: checkedList(headerFault)
    .transform((names) => names.map((name) => name.toLowerCase()))
    .optional(),
  /** Top-level JSON body fields forced to these values (any JSON; JSON bodies only). */
  setParams: checkedRecord(z.unknown(), paramFault).optional(),
  /** Top-level JSON body fields removed. */
  dropParams: checkedList(paramFault).optional(),
});

export type RequestOverrides = z.output<typeof requestOverridesSchema>;
