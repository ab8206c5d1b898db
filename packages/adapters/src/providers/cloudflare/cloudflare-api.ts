import { z } from 'zod';

/*
 * The slice of Cloudflare Workers AI's REST API (`/accounts/{id}/ai/run/{model}`) this
 * adapter writes and reads. No capture was available: shapes follow Cloudflare's docs.
 */

export interface CloudflareMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  tool_calls?: Array<{
    id: string;
    type: 'function';
    function: { name: string; arguments: string };
  }>;
  tool_call_id?: string;
}

const toolArgumentsSchema = z.union([z.string(), z.record(z.string(), z.unknown())]).nullish();

/** Older models answer `{name, arguments: object}`; newer ones the OpenAI shape with `function`. */
const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().optional(),
  arguments: toolArgumentsSchema,
  function: z.looseObject({ name: z.string(), arguments: toolArgumentsSchema }).nullish(),
});

export type CloudflareToolCall = z.infer<typeof toolCallSchema>;

export const cloudflareUsageSchema = z.looseObject({
  prompt_tokens: z.number().optional(),
  completion_tokens: z.number().optional(),
});

/** `result` of a non-stream run, or one `data:` payload of a stream. */
export const cloudflareResultSchema = z.looseObject({
  /** Text; an object when a JSON response format was asked for; null with tool calls. */
  response: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  usage: cloudflareUsageSchema.nullish(),
});

export type CloudflareResult = z.infer<typeof cloudflareResultSchema>;

export const cloudflareEnvelopeSchema = z.looseObject({
  success: z.boolean().optional(),
  result: cloudflareResultSchema,
});

/** `{"success": false, "errors": [{"code", "message"}]}` */
export const cloudflareErrorSchema = z.looseObject({
  errors: z.array(z.looseObject({ code: z.number().optional(), message: z.string().optional() })),
});

export type CloudflareErrorBody = z.infer<typeof cloudflareErrorSchema>;
