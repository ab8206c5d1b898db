import { appendAll } from '../core/append-all';
import { AdapterError } from '../spec/adapter-error';
import type {
  ChatMessage,
  ChatRequest,
  ChatTool,
  ContentPart,
  ThinkingBlock,
} from '../spec/openai-chat-request';
import { decodeEncryptedReasoning } from './responses-encrypted-reasoning';
import type {
  ResponsesContentPart,
  ResponsesInputItem,
  ResponsesRequestInput,
} from './responses-request-schema';
import { type ResponsesToolNames, readResponsesToolNames } from './responses-tool-names';

/**
 * A Responses API request as the canonical chat request, so any channel can answer a
 * Responses client (Codex). `instructions` is the first system message; message items keep
 * their roles; consecutive `function_call` items become one assistant turn's tool calls and
 * `function_call_output` items `tool` messages. A reasoning item the gateway made from
 * Anthropic's thinking gives the next assistant turn its signed thinking blocks back; other
 * reasoning items are dropped: no other provider can read OpenAI's encrypted reasoning. What the chat form cannot carry is refused
 * with a 400 that names it: stored state (`previous_response_id`, `conversation`,
 * `background`), server-side tools (web_search, file_search, ...) and item kinds that only
 * OpenAI runs. `store` and `include` are ignored: nothing is stored on this path.
 */
export function toCanonicalRequestFromResponses(request: ResponsesRequestInput): ChatRequest {
  refuseStoredState(request);
  const names = readResponsesToolNames(request.tools);
  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: 'system', content: request.instructions });
  if (typeof request.input === 'string') messages.push({ role: 'user', content: request.input });
  else appendAll(messages, toMessages(request.input, names));
  if (messages.length === 0)
    throw new AdapterError('invalid_request', 'input: give at least one input item', {
      param: 'input',
    });

  const canonical: ChatRequest = { model: request.model, messages };
  if (request.max_output_tokens != null) canonical.max_tokens = request.max_output_tokens;
  if (request.temperature != null) canonical.temperature = request.temperature;
  if (request.top_p != null) canonical.top_p = request.top_p;
  if (request.parallel_tool_calls != null)
    canonical.parallel_tool_calls = request.parallel_tool_calls;
  const user = request.safety_identifier ?? request.user;
  if (user) canonical.user = user;
  if (request.metadata) canonical.metadata = request.metadata;
  const effort = request.reasoning?.effort;
  // Chat has no `none` and no `xhigh`: no effort asked, or the highest there is.
  if (effort && effort !== 'none')
    canonical.reasoning_effort = effort === 'xhigh' ? 'high' : effort;
  const format = request.text?.format;
  if (format?.type === 'json_object') canonical.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema')
    canonical.response_format = {
      type: 'json_schema',
      json_schema: {
        name: format.name ?? 'response',
        ...(format.description && { description: format.description }),
        ...(format.schema && { schema: format.schema }),
        ...(format.strict != null && { strict: format.strict }),
      },
    };
  const tools = toChatTools(request.tools, names);
  if (tools.length > 0) {
    canonical.tools = tools;
    const choice = request.tool_choice;
    if (typeof choice === 'string') canonical.tool_choice = choice;
    else if (choice?.type === 'function' && choice.name)
      canonical.tool_choice = { type: 'function', function: { name: choice.name } };
  }
  if (request.stream) {
    canonical.stream = true;
    canonical.stream_options = { include_usage: true };
  }
  return canonical;
}

function refuseStoredState(request: ResponsesRequestInput): void {
  const refuse = (param: string, what: string) => {
    throw new AdapterError(
      'invalid_request',
      `${param}: ${what} is not supported for this model: its channels are reached through a translation that stores no responses. Send the whole conversation in input (store: false).`,
      { param },
    );
  };
  if (request.previous_response_id) refuse('previous_response_id', 'a stored previous response');
  if (request.conversation != null) refuse('conversation', 'a stored conversation');
  if (request.background) refuse('background', 'a background response');
}

function toChatTools(tools: ResponsesRequestInput['tools'], names: ResponsesToolNames) {
  const chatTools: ChatTool[] = [];
  for (const tool of tools ?? []) {
    if (tool.type === 'function') chatTools.push(toChatTool(tool, names));
    else if (tool.type === 'namespace')
      for (const inner of (tool as { tools: Array<{ type: string }> }).tools) {
        if (inner.type !== 'function') refuseTool(`${inner.type} (in namespace ${tool.name})`);
        chatTools.push(toChatTool(inner, names, String(tool.name)));
      }
    else refuseTool(tool.type);
  }
  return chatTools;
}

function toChatTool(tool: object, names: ResponsesToolNames, namespace?: string): ChatTool {
  const { name, description, parameters, strict } = tool as {
    name?: unknown;
    description?: unknown;
    parameters?: unknown;
    strict?: unknown;
  };
  if (typeof name !== 'string' || name === '')
    throw new AdapterError('invalid_request', 'tools: every function tool needs a name', {
      param: 'tools',
    });
  return {
    type: 'function',
    function: {
      name: names.toChatName(name, namespace),
      ...(typeof description === 'string' && { description }),
      ...(parameters !== null &&
        typeof parameters === 'object' && { parameters: parameters as Record<string, unknown> }),
      ...(typeof strict === 'boolean' && { strict }),
    },
  };
}

function refuseTool(type: string): never {
  throw new AdapterError(
    'invalid_request',
    `tools: the ${type} tool runs on OpenAI's servers and is not supported for this model, whose channels are reached through a translation to chat completions; only function tools are. Remove it (Codex: web_search = "disabled" in config.toml).`,
    { param: 'tools' },
  );
}

function toMessages(items: ResponsesInputItem[], names: ResponsesToolNames): ChatMessage[] {
  const messages: ChatMessage[] = [];
  // Thinking read from reasoning items, waiting for the assistant turn it opened.
  let thinking: ThinkingBlock[] = [];
  const withThinking = (message: ChatMessage): ChatMessage => {
    if (message.role !== 'assistant' || thinking.length === 0) return message;
    const blocks = thinking;
    thinking = [];
    return { ...message, thinking_blocks: [...(message.thinking_blocks ?? []), ...blocks] };
  };
  for (const item of items) {
    const type = item.type ?? 'message';
    if (type === 'message') messages.push(withThinking(toMessage(item as MessageItem)));
    else if (type === 'function_call') {
      const call = item as FunctionCallItem;
      const toolCall = {
        id: call.call_id,
        type: 'function' as const,
        function: { name: names.toChatName(call.name, call.namespace), arguments: call.arguments },
      };
      // The calls of one turn arrive as consecutive items; they are one assistant message.
      // A message item just before them (the turn's text) is the same turn.
      const last = messages.at(-1);
      if (last?.role === 'assistant') {
        const turn = withThinking(last) as typeof last;
        turn.tool_calls ??= [];
        turn.tool_calls.push(toolCall);
        messages[messages.length - 1] = turn;
      } else
        messages.push(withThinking({ role: 'assistant', content: null, tool_calls: [toolCall] }));
    } else if (type === 'function_call_output') {
      const output = item as FunctionCallOutputItem;
      messages.push({
        role: 'tool',
        tool_call_id: output.call_id,
        content: typeof output.output === 'string' ? output.output : textOf(output.output),
      });
    } else if (type === 'reasoning') {
      // OpenAI's own reasoning (encrypted, or a summary) means nothing to another provider.
      const blocks = decodeEncryptedReasoning(
        (item as { encrypted_content?: unknown }).encrypted_content,
      );
      if (blocks) thinking = [...thinking, ...blocks];
    } else
      throw new AdapterError(
        'invalid_request',
        `input: items of type ${type} are not supported for this model, whose channels are reached through a translation to chat completions`,
        { param: 'input' },
      );
  }
  return messages;
}

type MessageItem = Extract<ResponsesInputItem, { role: string }>;
type FunctionCallItem = Extract<ResponsesInputItem, { type: 'function_call'; call_id: string }>;
type FunctionCallOutputItem = Extract<
  ResponsesInputItem,
  { type: 'function_call_output'; output: unknown }
>;

function toMessage(item: MessageItem): ChatMessage {
  const { role, content } = item;
  if (role === 'assistant')
    return { role, content: typeof content === 'string' ? content : textOf(content) };
  // As system: every chat provider takes that role, not all of them know `developer`.
  if (role === 'system' || role === 'developer')
    return { role: 'system', content: typeof content === 'string' ? content : textOf(content) };
  if (typeof content === 'string') return { role, content };
  const parts = content.flatMap(toUserPart);
  const onlyText = parts.every((part) => part.type === 'text');
  return {
    role,
    content: onlyText ? parts.map((part) => (part as { text: string }).text).join('') : parts,
  };
}

function toUserPart(part: ResponsesContentPart): ContentPart[] {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return [{ type: 'text', text: part.text }];
    case 'refusal':
      return [{ type: 'text', text: part.refusal }];
    case 'input_image':
      if (!part.image_url)
        throw new AdapterError(
          'invalid_request',
          'input_image: give image_url (a URL or data: URL); file_id names a file only OpenAI stores',
          { param: 'input' },
        );
      return [
        {
          type: 'image_url',
          image_url: { url: part.image_url, ...(part.detail && { detail: part.detail }) },
        },
      ];
    case 'input_file':
      if (!part.file_data)
        throw new AdapterError(
          'invalid_request',
          'input_file: give file_data; file_id and file_url name files only OpenAI fetches',
          { param: 'input' },
        );
      return [
        {
          type: 'file',
          file: {
            file_data: part.file_data,
            ...(part.filename && { filename: part.filename }),
          },
        },
      ];
  }
}

function textOf(parts: ResponsesContentPart[]): string {
  let text = '';
  for (const part of parts) {
    if (part.type === 'input_text' || part.type === 'output_text') text += part.text;
    else if (part.type === 'refusal') text += part.refusal;
  }
  return text;
}
