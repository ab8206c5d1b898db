import { appendAll } from '../core/append-all';
import type { ChatMessage, ChatRequest, ContentPart } from '../spec/openai-chat-request';
import type {
  AnthropicContentBlockInput,
  AnthropicMessagesInput,
} from './anthropic-messages-schema';
import { toReasoningEffort } from './to-reasoning-effort';

/**
 * An Anthropic Messages request as the canonical OpenAI request, so any provider can
 * answer a Claude client. Tool results (inside user turns) become `tool` messages placed
 * before the rest of that turn; thinking blocks in history are dropped, since no other
 * provider can verify their signatures. A system message inside `messages` stays where it
 * stood, as a system message: OpenAI chat takes it there, other targets merge it into their
 * system prompt.
 */
export function toCanonicalRequest(request: AnthropicMessagesInput): ChatRequest {
  const messages: ChatMessage[] = [];
  if (request.system !== undefined) {
    const system =
      typeof request.system === 'string'
        ? request.system
        : request.system.map((b) => b.text).join('\n\n');
    messages.push({ role: 'system', content: system });
  }
  for (const message of request.messages) {
    const blocks: AnthropicContentBlockInput[] =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : message.content;
    if (message.role === 'system') messages.push({ role: 'system', content: textOf(blocks) });
    else if (message.role === 'assistant') messages.push(toAssistantMessage(blocks));
    else appendAll(messages, toUserMessages(blocks));
  }
  const canonical: ChatRequest = { model: request.model, messages, max_tokens: request.max_tokens };
  if (request.temperature !== undefined) canonical.temperature = request.temperature;
  if (request.top_p !== undefined) canonical.top_p = request.top_p;
  if (request.stop_sequences) canonical.stop = request.stop_sequences;
  if (request.stream) {
    canonical.stream = true;
    canonical.stream_options = { include_usage: true };
  }
  if (request.metadata?.user_id) canonical.user = request.metadata.user_id;
  if (request.tools && request.tools.length > 0) {
    canonical.tools = request.tools.map((tool) => ({
      type: 'function' as const,
      function: {
        name: tool.name,
        ...(tool.description && { description: tool.description }),
        parameters: tool.input_schema,
      },
    }));
    const choice = request.tool_choice;
    if (choice?.type === 'any') canonical.tool_choice = 'required';
    else if (choice?.type === 'none') canonical.tool_choice = 'none';
    else if (choice?.type === 'tool' && choice.name)
      canonical.tool_choice = { type: 'function', function: { name: choice.name } };
    if (choice?.disable_parallel_tool_use) canonical.parallel_tool_calls = false;
  }
  const effort = toReasoningEffort(request);
  if (effort) canonical.reasoning_effort = effort;
  return canonical;
}

function textOf(blocks: AnthropicContentBlockInput[]): string {
  return blocks.flatMap((block) => (block.type === 'text' ? [block.text as string] : [])).join('');
}

function toAssistantMessage(blocks: AnthropicContentBlockInput[]): ChatMessage {
  const text = textOf(blocks);
  const toolCalls = blocks.flatMap((block) =>
    block.type === 'tool_use'
      ? [
          {
            id: block.id as string,
            type: 'function' as const,
            function: { name: block.name as string, arguments: JSON.stringify(block.input ?? {}) },
          },
        ]
      : [],
  );
  return {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
  };
}

function toUserMessages(blocks: AnthropicContentBlockInput[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  for (const block of blocks) {
    if (block.type === 'tool_result') {
      messages.push({
        role: 'tool',
        tool_call_id: block.tool_use_id as string,
        content: toolResultText(block),
      });
    } else if (block.type === 'text') {
      parts.push({ type: 'text', text: block.text as string });
    } else if (block.type === 'image') {
      const source = block.source as {
        type: string;
        url?: string;
        media_type?: string;
        data?: string;
      };
      const url =
        source.type === 'url'
          ? String(source.url)
          : `data:${source.media_type};base64,${source.data}`;
      parts.push({ type: 'image_url', image_url: { url } });
    } else if (block.type === 'document') {
      const source = block.source as { media_type?: string; data?: string };
      parts.push({
        type: 'file',
        file: { file_data: `data:${source.media_type};base64,${source.data}` },
      });
    }
  }
  if (parts.length > 0) {
    const onlyText = parts.every((part) => part.type === 'text');
    messages.push({
      role: 'user',
      content: onlyText ? parts.map((part) => (part as { text: string }).text).join('') : parts,
    });
  }
  return messages;
}

function toolResultText(block: AnthropicContentBlockInput): string {
  const content = (block as { content?: unknown }).content;
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((part) => (part?.type === 'text' ? part.text : '')).join('')
        : '';
  return (block as { is_error?: boolean }).is_error ? `Error: ${text}` : text;
}
