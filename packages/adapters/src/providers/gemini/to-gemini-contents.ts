import { appendAll } from '../../core/append-all';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatMessage, messageText } from '../../spec/openai-chat-request';
import type { GeminiContent, GeminiPart, GeminiRequest } from './gemini-api';
import { thoughtSignatureForReplay } from './gemini-thought-signature';
import { type ImageFetchOptions, toGeminiUserParts } from './to-gemini-user-parts';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;

/**
 * The conversation as Gemini `contents` plus a `systemInstruction`.
 * Gemini has no system role: every system/developer message, wherever it stood, becomes
 * one part of `systemInstruction`. It also wants alternating turns, so consecutive
 * messages of the same Gemini role (e.g. several tool results) are merged into one turn.
 */
export async function toGeminiContents(
  messages: readonly ChatMessage[],
  options: ImageFetchOptions,
  model = '',
): Promise<Pick<GeminiRequest, 'contents' | 'systemInstruction'>> {
  const systemParts: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  // Gemini's functionResponse needs the function name; OpenAI's tool message has only the id.
  const toolNamesById = new Map<string, string>();

  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = messageText(message.content);
        if (text !== '') systemParts.push({ text });
        break;
      }
      case 'user':
        appendTurn(contents, 'user', await toGeminiUserParts(message.content, options));
        break;
      case 'assistant':
        for (const call of message.tool_calls ?? []) toolNamesById.set(call.id, call.function.name);
        appendTurn(contents, 'model', toModelParts(message, model));
        break;
      case 'tool':
        appendTurn(contents, 'user', [toFunctionResponsePart(message, toolNamesById)]);
        break;
    }
  }
  return {
    contents,
    ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}),
  };
}

function appendTurn(contents: GeminiContent[], role: GeminiContent['role'], parts: GeminiPart[]) {
  // A turn with no parts is rejected by Gemini, so an empty message is dropped.
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) appendAll(last.parts, parts);
  else contents.push({ role, parts });
}

function toModelParts(message: AssistantMessage, model: string): GeminiPart[] {
  const parts: GeminiPart[] = [];
  const text = messageText(message.content);
  if (text !== '') parts.push({ text });
  for (const call of message.tool_calls ?? []) {
    const thoughtSignature = thoughtSignatureForReplay(call.id, model);
    parts.push({
      functionCall: { name: call.function.name, args: parseToolArguments(call.function.arguments) },
      ...(thoughtSignature && { thoughtSignature }),
    });
  }
  return parts;
}

function parseToolArguments(argumentsJson: string): Record<string, unknown> {
  if (argumentsJson.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentsJson);
  } catch (cause) {
    throw invalidMessages('A tool call has arguments that are not valid JSON', cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidMessages('Gemini needs tool call arguments to be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function toFunctionResponsePart(
  message: ToolMessage,
  toolNamesById: ReadonlyMap<string, string>,
): GeminiPart {
  const name = toolNamesById.get(message.tool_call_id);
  if (name === undefined) {
    throw invalidMessages(
      `The tool message for ${message.tool_call_id} follows no assistant tool call with that id`,
    );
  }
  return { functionResponse: { name, response: toFunctionResponse(messageText(message.content)) } };
}

/** `response` must be an object: a JSON object result is sent as is, anything else wrapped. */
function toFunctionResponse(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Plain text result: wrapped below.
  }
  return { content: text };
}

const invalidMessages = (message: string, cause?: unknown) =>
  new AdapterError('invalid_request', message, { param: 'messages', cause });
