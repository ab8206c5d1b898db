/*
 * Gemini 3 attaches an opaque `thoughtSignature` to function calls and answers 400 if a
 * replayed call lacks it. OpenAI tool calls have no field for it, so it travels inside the
 * tool-call id (clients echo ids unchanged), the same trick other gateways use. History
 * that never had one (built by hand, or from another provider) gets Google's documented
 * sentinel on Gemini 3, which tells the validator to skip the check.
 */

const SEPARATOR = '__thought__';
export const SKIP_SIGNATURE_SENTINEL = 'skip_thought_signature_validator';

/** The tool-call id a client sees: the call id plus its signature, when there is one. */
export function encodeToolCallId(id: string, signature: string | undefined): string {
  return signature ? `${id}${SEPARATOR}${signature}` : id;
}

/** The signature to send back for a replayed call, or undefined when none is needed. */
export function thoughtSignatureForReplay(toolCallId: string, model: string): string | undefined {
  const at = toolCallId.indexOf(SEPARATOR);
  if (at !== -1) return toolCallId.slice(at + SEPARATOR.length);
  return /^gemini-3[.-]/.test(model) ? SKIP_SIGNATURE_SENTINEL : undefined;
}

/** The call id and the signature `encodeToolCallId` packed into a tool-call id. */
export function decodeToolCallId(toolCallId: string): { id: string; signature?: string } {
  const at = toolCallId.indexOf(SEPARATOR);
  if (at === -1) return { id: toolCallId };
  return { id: toolCallId.slice(0, at), signature: toolCallId.slice(at + SEPARATOR.length) };
}
