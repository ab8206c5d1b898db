import { z } from 'zod';

/*
 * The slice of DashScope's native text-generation API
 * (`/api/v1/services/aigc/text-generation/generation`) this adapter writes and reads.
 */

export interface DashScopeToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type DashScopeMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; tool_calls?: DashScopeToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string };

const toolCallSchema = z.looseObject({
  index: z.number().optional(),
  /** Continuation deltas repeat `id: ""`; only the first carries the real id. */
  id: z.string().nullish(),
  function: z
    .looseObject({ name: z.string().nullish(), arguments: z.string().nullish() })
    .nullish(),
});

export type DashScopeWireToolCall = z.infer<typeof toolCallSchema>;

export const dashScopeUsageSchema = z.looseObject({
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).nullish(),
});

export type DashScopeUsage = z.infer<typeof dashScopeUsageSchema>;

/** A whole response, or one SSE event of a stream: both have this envelope. */
export const dashScopeResponseSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({
    choices: z
      .array(
        z.looseObject({
          /** The string "null" (not JSON null) until the last event of a stream. */
          finish_reason: z.string().nullish(),
          message: z.looseObject({
            content: z
              .union([z.string(), z.array(z.looseObject({ text: z.string().optional() }))])
              .nullish(),
            reasoning_content: z.string().nullish(),
            tool_calls: z.array(toolCallSchema).nullish(),
          }),
        }),
      )
      .nullish(),
  }),
  usage: dashScopeUsageSchema.nullish(),
});

export type DashScopeResponse = z.infer<typeof dashScopeResponseSchema>;
export type DashScopeChoice = NonNullable<DashScopeResponse['output']['choices']>[number];

/** `{"code","message","request_id"}`, as an error body or a stream's `event:error`. */
export const dashScopeErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string().optional(),
  request_id: z.string().optional(),
});
