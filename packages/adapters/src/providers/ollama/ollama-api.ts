import { z } from 'zod';

/*
 * The slice of Ollama's native API (/api/chat, /api/embed) this adapter writes and reads.
 * Types for what we send; zod schemas for what we read.
 */

export interface OllamaToolCall {
  /** An object, not a JSON string as in OpenAI; Ollama gives no id. */
  function: { name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Bare base64, no `data:` prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  /** The function a tool result answers; Ollama matches results by name, not id. */
  tool_name?: string;
}

export interface OllamaOptions {
  temperature?: number;
  top_p?: number;
  num_predict?: number;
  stop?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
}

const toolCallSchema = z.looseObject({
  function: z.looseObject({
    name: z.string(),
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
});

/** One /api/chat object: the whole non-stream body, or one NDJSON line of a stream. */
export const ollamaChatChunkSchema = z.looseObject({
  model: z.string().optional(),
  created_at: z.string().optional(),
  message: z
    .looseObject({
      content: z.string().nullish(),
      thinking: z.string().nullish(),
      tool_calls: z.array(toolCallSchema).nullish(),
    })
    .nullish(),
  done: z.boolean().optional(),
  done_reason: z.string().nullish(),
  /** Absent when the whole prompt came from Ollama's cache. */
  prompt_eval_count: z.number().nullish(),
  eval_count: z.number().nullish(),
});

export type OllamaChatChunk = z.infer<typeof ollamaChatChunkSchema>;
export type OllamaWireToolCall = z.infer<typeof toolCallSchema>;

export const ollamaEmbedResponseSchema = z.looseObject({
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: z.number().nullish(),
});
