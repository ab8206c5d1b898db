import { createToolCallId } from '../core/tool-call-ids';
import { encodeToolCallId } from '../providers/gemini/gemini-thought-signature';
import { AdapterError } from '../spec/adapter-error';
import type { ChatMessage, ChatRequest, ChatTool, ContentPart } from '../spec/openai-chat-request';
import { type CallPairing, createCallPairing } from './gemini-call-pairing';
import { toJsonSchema } from './gemini-function-schema';
import type {
  GeminiContentInput,
  GeminiGenerateContentInput,
  GeminiPartInput,
} from './gemini-generate-content-schema';
import { toReasoningEffort } from './to-reasoning-effort';

type ToolCall = NonNullable<Extract<ChatMessage, { role: 'assistant' }>['tool_calls']>[number];

/**
 * A Gemini generateContent request as the canonical request, so any channel can answer a
 * Gemini client. The model comes from the URL. Gemini function calls carry no id (newer
 * models may send one): ids are made here and each functionResponse is matched to the
 * earliest unanswered call of the same name, as Gemini itself pairs them. A call's
 * `thoughtSignature` travels inside its id, where the Gemini adapter looks for it.
 */
export function toCanonicalRequestFromGemini(
  model: string,
  request: GeminiGenerateContentInput,
  options: { stream: boolean },
): ChatRequest {
  const messages: ChatMessage[] = [];
  const system = request.systemInstruction?.parts.map((part) => part.text ?? '').join('\n');
  if (system) messages.push({ role: 'system', content: system });
  const pairing = createCallPairing();
  request.contents.forEach((content, turn) => {
    if (content.role === 'model') messages.push(toAssistantMessage(content, pairing));
    // A loop, not a spread: a turn may hold more results than a call takes arguments.
    else for (const message of toUserMessages(content, turn, pairing)) messages.push(message);
  });

  const canonical: ChatRequest = { model, messages };
  Object.assign(canonical, toSampling(request.generationConfig));
  if (options.stream) {
    canonical.stream = true;
    canonical.stream_options = { include_usage: true };
  }
  const tools = toTools(request.tools);
  if (tools.length > 0) {
    canonical.tools = tools;
    const choice = toToolChoice(request.toolConfig?.functionCallingConfig);
    if (choice) canonical.tool_choice = choice;
  }
  return canonical;
}

function toAssistantMessage(content: GeminiContentInput, pairing: CallPairing): ChatMessage {
  // Thought summaries are the model's own notes: no provider takes them back as input.
  const text = content.parts
    .filter((part) => part.text !== undefined && !part.thought)
    .map((part) => part.text)
    .join('');
  const toolCalls: ToolCall[] = [];
  for (const part of content.parts) {
    if (!part.functionCall) continue;
    const call: ToolCall = {
      id: encodeToolCallId(part.functionCall.id ?? createToolCallId(), part.thoughtSignature),
      type: 'function',
      function: {
        name: part.functionCall.name,
        arguments: JSON.stringify(part.functionCall.args ?? {}),
      },
    };
    toolCalls.push(call);
    pairing.add(call.function.name, call.id);
  }
  return {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
  };
}

function toUserMessages(
  content: GeminiContentInput,
  turn: number,
  pairing: CallPairing,
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  content.parts.forEach((part, index) => {
    if (part.functionResponse) {
      const { id, name, response } = part.functionResponse;
      const toolCallId = pairing.take(name, id);
      if (!toolCallId) {
        throw new AdapterError(
          'invalid_request',
          `contents[${turn}].parts[${index}].functionResponse: no earlier functionCall of ${name} is left unanswered`,
        );
      }
      messages.push({
        role: 'tool',
        tool_call_id: toolCallId,
        content: JSON.stringify(response ?? {}),
      });
      return;
    }
    const converted = toContentPart(part, `contents[${turn}].parts[${index}]`);
    if (converted) parts.push(converted);
  });
  if (parts.length > 0) {
    const onlyText = parts.every((part) => part.type === 'text');
    messages.push({
      role: 'user',
      content: onlyText ? parts.map((part) => (part as { text: string }).text).join('') : parts,
    });
  }
  return messages;
}

function toContentPart(part: GeminiPartInput, path: string): ContentPart | undefined {
  if (part.text !== undefined) return { type: 'text', text: part.text };
  if (part.inlineData) {
    const { mimeType, data } = part.inlineData;
    const url = `data:${mimeType};base64,${data}`;
    if (mimeType.startsWith('image/')) return { type: 'image_url', image_url: { url } };
    if (mimeType === 'audio/wav' || mimeType === 'audio/mp3' || mimeType === 'audio/mpeg') {
      return {
        type: 'input_audio',
        input_audio: { data, format: mimeType === 'audio/wav' ? 'wav' : 'mp3' },
      };
    }
    return { type: 'file', file: { file_data: url } };
  }
  if (part.fileData) {
    if (part.fileData.mimeType?.startsWith('image/')) {
      return { type: 'image_url', image_url: { url: part.fileData.fileUri } };
    }
    // A Files API URI names a file stored at Google: only Google can read it.
    throw new AdapterError(
      'unsupported',
      `${path}.fileData: only images can be referenced by URI through this gateway; send the file as inlineData`,
    );
  }
  return undefined;
}

function toSampling(config: GeminiGenerateContentInput['generationConfig']): Partial<ChatRequest> {
  if (!config) return {};
  const sampling: Partial<ChatRequest> = {};
  if (config.temperature !== undefined) sampling.temperature = config.temperature;
  if (config.topP !== undefined) sampling.top_p = config.topP;
  if (config.maxOutputTokens !== undefined) sampling.max_tokens = config.maxOutputTokens;
  if (config.stopSequences && config.stopSequences.length > 0) sampling.stop = config.stopSequences;
  if (config.candidateCount !== undefined) sampling.n = config.candidateCount;
  if (config.seed !== undefined) sampling.seed = config.seed;
  if (config.presencePenalty !== undefined) sampling.presence_penalty = config.presencePenalty;
  if (config.frequencyPenalty !== undefined) sampling.frequency_penalty = config.frequencyPenalty;
  const schema = config.responseJsonSchema ?? config.response_json_schema ?? config.responseSchema;
  if (config.responseMimeType === 'application/json') {
    sampling.response_format = schema
      ? {
          type: 'json_schema',
          json_schema: {
            name: 'response',
            schema: toJsonSchema(schema) as Record<string, unknown>,
          },
        }
      : { type: 'json_object' };
  }
  const effort = toReasoningEffort(config.thinkingConfig);
  if (effort) sampling.reasoning_effort = effort;
  return sampling;
}

function toTools(tools: GeminiGenerateContentInput['tools']): ChatTool[] {
  return (tools ?? []).flatMap((tool, index) => {
    const builtIn = Object.keys(tool).find((key) => key !== 'functionDeclarations');
    if (builtIn) {
      throw new AdapterError(
        'unsupported',
        `tools[${index}].${builtIn}: Google's built-in tools run only at Google; this gateway translates functionDeclarations`,
      );
    }
    return (tool.functionDeclarations ?? []).map((declaration) => ({
      type: 'function' as const,
      function: {
        name: declaration.name,
        ...(declaration.description && { description: declaration.description }),
        parameters: (declaration.parametersJsonSchema ??
          declaration.parameters_json_schema ??
          toJsonSchema(declaration.parameters ?? { type: 'object', properties: {} })) as Record<
          string,
          unknown
        >,
      },
    }));
  });
}

function toToolChoice(
  config: { mode?: string; allowedFunctionNames?: string[] } | undefined,
): ChatRequest['tool_choice'] {
  const mode = config?.mode?.toUpperCase();
  if (mode === 'NONE') return 'none';
  if (mode !== 'ANY' && mode !== 'VALIDATED') return undefined;
  const only = config?.allowedFunctionNames;
  // OpenAI can force one named function, not a subset: more than one name means any.
  if (only?.length === 1) return { type: 'function', function: { name: only[0]! } };
  return mode === 'ANY' ? 'required' : undefined;
}
