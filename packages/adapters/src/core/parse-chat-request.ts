import type { z } from 'zod';
import { AdapterError } from '../spec/adapter-error';
import { type ChatRequest, chatRequestSchema } from '../spec/openai-chat-request';

/** Validates a Chat Completions body; the error names the first bad field as OpenAI's `param`. */
export function parseChatRequest(body: unknown): ChatRequest {
  return parseWithSchema(chatRequestSchema, body);
}

export function parseWithSchema<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = formatPath(issue.path);
  throw new AdapterError(
    'invalid_request',
    param
      ? `Invalid value for '${param}': ${issue.message}`
      : `Invalid request body: ${issue.message}`,
    { param: param || null },
  );
}

/** `['messages', 0, 'content']` -> `messages[0].content`, as OpenAI writes params. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}
