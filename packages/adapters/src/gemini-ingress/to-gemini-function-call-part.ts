import { decodeToolCallId } from '../providers/gemini/gemini-thought-signature';

/**
 * A canonical tool call as a Gemini functionCall part. The id goes back to the client (the
 * SDK echoes it in its functionResponse); a thought signature that a Gemini channel packed
 * into the id is unpacked onto the part, where Gemini clients keep it for the next turn.
 */
export function toGeminiFunctionCallPart(
  toolCallId: string,
  name: string,
  argumentsJson: string,
): Record<string, unknown> {
  const { id, signature } = decodeToolCallId(toolCallId);
  return {
    functionCall: { id, name, args: parseArgs(argumentsJson) },
    ...(signature !== undefined && { thoughtSignature: signature }),
  };
}

function parseArgs(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return { value: parsed };
  } catch {
    // A provider produced arguments that are not JSON; hand them over rather than lose them.
    return { arguments: text };
  }
}
