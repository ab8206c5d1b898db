import { z } from 'zod';
import { type ThinkingBlock, thinkingBlockSchema } from '../spec/openai-chat-request';

/*
 * A Responses `reasoning` item's `encrypted_content` on a translated path: Anthropic's signed
 * thinking blocks, so the client (Codex asks for `include: ["reasoning.encrypted_content"]`
 * and sends the item back on the next turn) returns them unchanged, and Anthropic accepts
 * the tool turn after them. Not encrypted: the thinking is already the client's to read (it
 * gets the same text as the summary) and Anthropic's signature is what guards it. The prefix
 * tells the gateway's content from OpenAI's own (Fernet tokens, `gAAAAA...`), which is
 * dropped as before.
 */

const PREFIX = 'oneapi.thinking.v1.';

const blocksSchema = z.array(thinkingBlockSchema).min(1);

/** The blocks as the opaque string the reasoning item carries. */
export function encodeEncryptedReasoning(blocks: readonly ThinkingBlock[]): string {
  return PREFIX + Buffer.from(JSON.stringify(blocks)).toString('base64url');
}

/** The blocks a gateway-made `encrypted_content` carries; undefined for anything else. */
export function decodeEncryptedReasoning(content: unknown): ThinkingBlock[] | undefined {
  if (typeof content !== 'string' || !content.startsWith(PREFIX)) return undefined;
  try {
    const json = JSON.parse(Buffer.from(content.slice(PREFIX.length), 'base64url').toString());
    const parsed = blocksSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
