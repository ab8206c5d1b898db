import type { AdapterError } from '../spec/adapter-error';
import type { ThinkingBlock } from '../spec/openai-chat-request';
import type { FinishReason } from '../spec/openai-chat-response';
import type { StreamEvent } from '../spec/stream-event';
import type { Usage } from '../spec/usage';
import {
  newItemId,
  type ResponseEnvelope,
  toFunctionCallItem,
  toMessageItem,
  toOutputText,
  toReasoningItem,
  toResponseId,
  toResponseObject,
  toResponsesEnd,
  toResponsesUsage,
} from './responses-output';
import type { ResponsesToolNames } from './responses-tool-names';

export interface ResponsesEventEncoderOptions {
  /** The model name the caller asked for. */
  readonly model: string;
  /** How the request's namespaced functions were named for chat (see responses-tool-names). */
  readonly names: ResponsesToolNames;
}

export interface ResponsesEventEncoder {
  encode(event: StreamEvent): string[];
  end(): string[];
  readonly usage: Usage | undefined;
  readonly error: AdapterError | undefined;
}

type OpenItem =
  | {
      kind: 'reasoning';
      id: string;
      outputIndex: number;
      text: string;
      /** Signed thinking blocks; `blockText` is the reasoning since the last one closed. */
      thinking: ThinkingBlock[];
      blockText: string;
    }
  | { kind: 'message'; id: string; outputIndex: number; text: string; refusal: string }
  | {
      kind: 'function_call';
      id: string;
      outputIndex: number;
      callId: string;
      name: string;
      args: string;
    };

/**
 * The one writer of Responses API stream events from the canonical stream:
 * response.created and response.in_progress, then per output item output_item.added, its
 * content (reasoning_summary_text, output_text or refusal, function_call_arguments deltas),
 * its .done events and output_item.done (a reasoning item's carries Anthropic's signed
 * thinking as `encrypted_content`, known only once the block's signature came), and last response.completed (or
 * response.incomplete) carrying every item and the usage. A failure after the first event is
 * response.failed. Function calls stay open until other content or the end comes, since
 * chat upstreams may interleave the argument fragments of parallel calls. Only choice 0.
 */
export function createResponsesEventEncoder(
  options: ResponsesEventEncoderOptions,
): ResponsesEventEncoder {
  const envelope: { -readonly [K in keyof ResponseEnvelope]: ResponseEnvelope[K] } = {
    id: newItemId('resp'),
    model: options.model,
    createdAt: Math.floor(Date.now() / 1000),
  };
  let sequence = 0;
  let started = false;
  const output: unknown[] = [];
  let open: Exclude<OpenItem, { kind: 'function_call' }> | undefined;
  const calls = new Map<number, Extract<OpenItem, { kind: 'function_call' }>>();
  let finishReason: FinishReason | null = null;
  let usage: Usage | undefined;
  let error: AdapterError | undefined;

  const frame = (type: string, payload: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...payload })}\n\n`;

  function start(): string[] {
    if (started) return [];
    started = true;
    const response = toResponseObject(envelope, { status: 'in_progress', output: [], usage: null });
    return [frame('response.created', { response }), frame('response.in_progress', { response })];
  }

  function closeContent(): string[] {
    if (!open) return [];
    const item = open;
    open = undefined;
    const at = { item_id: item.id, output_index: item.outputIndex };
    if (item.kind === 'reasoning') {
      const part = { type: 'summary_text', text: item.text };
      const done = toReasoningItem(item.id, item.text, item.thinking);
      output[item.outputIndex] = done;
      return [
        frame('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: item.text }),
        frame('response.reasoning_summary_part.done', { ...at, summary_index: 0, part }),
        frame('response.output_item.done', { output_index: item.outputIndex, item: done }),
      ];
    }
    const done = toMessageItem(item.id, item.text, item.refusal, 'completed');
    output[item.outputIndex] = done;
    const frames: string[] = [];
    let contentIndex = 0;
    if (item.text !== '' || item.refusal === '') {
      const part = toOutputText(item.text);
      frames.push(
        frame('response.output_text.done', {
          ...at,
          content_index: contentIndex,
          text: item.text,
          logprobs: [],
        }),
        frame('response.content_part.done', { ...at, content_index: contentIndex, part }),
      );
      contentIndex++;
    }
    if (item.refusal !== '')
      frames.push(
        frame('response.refusal.done', {
          ...at,
          content_index: contentIndex,
          refusal: item.refusal,
        }),
        frame('response.content_part.done', {
          ...at,
          content_index: contentIndex,
          part: { type: 'refusal', refusal: item.refusal },
        }),
      );
    frames.push(frame('response.output_item.done', { output_index: item.outputIndex, item: done }));
    return frames;
  }

  function closeCalls(): string[] {
    const frames: string[] = [];
    for (const call of calls.values()) {
      const done = toFunctionCallItem(
        call.id,
        call.callId,
        options.names.fromChatName(call.name),
        call.args,
        'completed',
      );
      output[call.outputIndex] = done;
      frames.push(
        frame('response.function_call_arguments.done', {
          item_id: call.id,
          output_index: call.outputIndex,
          arguments: call.args,
        }),
        frame('response.output_item.done', { output_index: call.outputIndex, item: done }),
      );
    }
    calls.clear();
    return frames;
  }

  function openContent(kind: 'reasoning' | 'message'): string[] {
    if (open?.kind === kind) return [];
    const frames = [...closeContent(), ...closeCalls()];
    const outputIndex = output.length;
    if (kind === 'reasoning') {
      open = { kind, id: newItemId('rs'), outputIndex, text: '', thinking: [], blockText: '' };
      const item = toReasoningItem(open.id, '');
      output.push(item);
      frames.push(
        frame('response.output_item.added', { output_index: outputIndex, item }),
        frame('response.reasoning_summary_part.added', {
          item_id: open.id,
          output_index: outputIndex,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
      );
    } else {
      open = { kind, id: newItemId('msg'), outputIndex, text: '', refusal: '' };
      const item = { ...toMessageItem(open.id, '', '', 'in_progress'), content: [] };
      output.push(item);
      frames.push(frame('response.output_item.added', { output_index: outputIndex, item }));
    }
    return frames;
  }

  function text(delta: string): string[] {
    const frames = openContent('message');
    const item = open as Extract<OpenItem, { kind: 'message' }>;
    const at = { item_id: item.id, output_index: item.outputIndex, content_index: 0 };
    if (item.text === '')
      frames.push(frame('response.content_part.added', { ...at, part: toOutputText('') }));
    item.text += delta;
    frames.push(frame('response.output_text.delta', { ...at, delta, logprobs: [] }));
    return frames;
  }

  function refusal(delta: string): string[] {
    const frames = openContent('message');
    const item = open as Extract<OpenItem, { kind: 'message' }>;
    const at = {
      item_id: item.id,
      output_index: item.outputIndex,
      content_index: item.text === '' ? 0 : 1,
    };
    if (item.refusal === '')
      frames.push(
        frame('response.content_part.added', { ...at, part: { type: 'refusal', refusal: '' } }),
      );
    item.refusal += delta;
    frames.push(frame('response.refusal.delta', { ...at, delta }));
    return frames;
  }

  function reasoning(delta: string): string[] {
    const frames = openContent('reasoning');
    const item = open as Extract<OpenItem, { kind: 'reasoning' }>;
    item.text += delta;
    item.blockText += delta;
    frames.push(
      frame('response.reasoning_summary_text.delta', {
        item_id: item.id,
        output_index: item.outputIndex,
        summary_index: 0,
        delta,
      }),
    );
    return frames;
  }

  /** A signature closes the thinking block it signs; a redacted block comes whole. */
  function thinkingBlock(block: ThinkingBlock): string[] {
    const frames = openContent('reasoning');
    const item = open as Extract<OpenItem, { kind: 'reasoning' }>;
    item.thinking.push(block.type === 'thinking' ? { ...block, thinking: item.blockText } : block);
    item.blockText = '';
    return frames;
  }

  function toolCallStart(index: number, callId: string, name: string): string[] {
    const frames = closeContent();
    const call = {
      kind: 'function_call' as const,
      id: newItemId('fc'),
      outputIndex: output.length,
      callId,
      name,
      args: '',
    };
    calls.set(index, call);
    const item = toFunctionCallItem(
      call.id,
      callId,
      options.names.fromChatName(name),
      '',
      'in_progress',
    );
    output.push(item);
    frames.push(frame('response.output_item.added', { output_index: call.outputIndex, item }));
    return frames;
  }

  function toolCallDelta(index: number, delta: string): string[] {
    const call = calls.get(index);
    if (!call) return [];
    call.args += delta;
    return [
      frame('response.function_call_arguments.delta', {
        item_id: call.id,
        output_index: call.outputIndex,
        delta,
      }),
    ];
  }

  return {
    get usage() {
      return usage;
    },
    get error() {
      return error;
    },
    encode(event) {
      if (error) return [];
      if (event.type === 'start' && event.id && !started) envelope.id = toResponseId(event.id);
      const frames = start();
      if ('choice' in event && event.choice !== 0) return frames;
      switch (event.type) {
        case 'text-delta':
          frames.push(...text(event.text));
          break;
        case 'refusal-delta':
          frames.push(...refusal(event.text));
          break;
        case 'reasoning-delta':
          frames.push(...reasoning(event.text));
          break;
        case 'tool-call-start':
          frames.push(...toolCallStart(event.index, event.id, event.name));
          break;
        case 'tool-call-delta':
          frames.push(...toolCallDelta(event.index, event.argumentsDelta));
          break;
        case 'finish':
          finishReason = event.reason;
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'error': {
          error = event.error;
          const failure = { code: event.error.code, message: event.error.message };
          frames.push(
            frame('response.failed', {
              response: toResponseObject(envelope, {
                status: 'failed',
                output: output.filter(Boolean),
                usage: usage ? toResponsesUsage(usage) : null,
                error: failure,
              }),
            }),
          );
          break;
        }
        case 'reasoning-signature':
          frames.push(
            ...thinkingBlock({ type: 'thinking', thinking: '', signature: event.signature }),
          );
          break;
        case 'reasoning-redacted':
          frames.push(...thinkingBlock({ type: 'redacted_thinking', data: event.data }));
          break;
        case 'start':
          break;
      }
      return frames;
    },
    end() {
      if (error) return [];
      const frames = [...start(), ...closeContent(), ...closeCalls()];
      const ending = toResponsesEnd(finishReason);
      const type = ending.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
      frames.push(
        frame(type, {
          response: toResponseObject(envelope, {
            ...ending,
            output,
            usage: toResponsesUsage(usage),
          }),
        }),
      );
      return frames;
    },
  };
}
