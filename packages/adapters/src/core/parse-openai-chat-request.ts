import { z } from 'zod';
import { type ChatRequest, chatRequestSchema } from '../spec/openai-chat-request';
import { parseChatRequest } from './parse-chat-request';

/** A Chat Completions body as the gateway relays it. */
export interface ParsedOpenAIChatRequest {
  readonly request: ChatRequest;
  /**
   * The body has OpenAI shapes the canonical schema does not model, which only an
   * OpenAI-compatible upstream takes as written: send it to those channels only.
   */
  readonly openAIOnly: boolean;
}

/*
 * What OpenAI takes that the canonical request refuses: custom tools and their calls (GPT-5's
 * `type: "custom"`), `allowed_tools` tool choice, the deprecated `function` role, reasoning
 * efforts newer than the enum, and any content part, tool or message type newer than the
 * gateway. The fields the gateway itself reads keep their canonical checks.
 */
const openAIChatWireSchema = chatRequestSchema.extend({
  messages: z.array(z.looseObject({ role: z.string() })).min(1),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string() })]).optional(),
  reasoning_effort: z.string().nullish(),
});

/**
 * Validates a Chat Completions body for `/v1/chat/completions`. A body the canonical schema
 * takes may go to any channel; one only OpenAI's wire format carries is kept as written
 * (`openAIOnly`: an OpenAI-compatible channel receives it unchanged, the owned fields aside);
 * anything else is refused with the canonical schema's error.
 */
export function parseOpenAIChatRequest(body: unknown): ParsedOpenAIChatRequest {
  // The common case, on every chat request: one parse.
  const canonical = chatRequestSchema.safeParse(body);
  if (canonical.success) return { request: canonical.data, openAIOnly: false };
  const wire = openAIChatWireSchema.safeParse(body);
  // Neither shape: the canonical schema's error, naming the first bad field.
  if (!wire.success) return { request: parseChatRequest(body), openAIOnly: false };
  // Not the canonical shape: only the OpenAI request builder reads it, and it spreads the
  // body as it is, so the wider shapes pass untouched.
  return { request: wire.data as unknown as ChatRequest, openAIOnly: true };
}
