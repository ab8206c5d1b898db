import { Buffer } from 'node:buffer';
import type { ChatRequest } from '../spec/openai-chat-request';
import { SLICE_MS, yieldToEventLoop } from './event-loop-slices';
import { jsonByteBound } from './json-byte-bound';
import { collectPromptTexts } from './prompt-texts';

/**
 * Bytes of `text` in UTF-8, as TextEncoder writes it (a lone surrogate as U+FFFD, 3 bytes),
 * without encoding it: V8 counts them natively. Twice as fast as encoding 16K-unit slices into
 * a scratch buffer on astral text (20 MiB of emoji: 14 ms against 25-47 on a loaded machine),
 * the most a hold's bound spends on one text.
 */
export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * At least as many tokens as `text` has, for any byte-level BPE tokenizer (o200k, cl100k,
 * Claude's, Llama 3's): every token stands for one or more bytes of the UTF-8 text, so the
 * byte length bounds the count. Linear and allocation-free, so it can run on every request;
 * typical prose comes out about 4x the exact count, CJK about 2x.
 */
export function boundTextTokens(text: string): number {
  return utf8ByteLength(text);
}

/**
 * `boundTextTokens` of every text, summed, letting the event loop turn every SLICE_MS: a
 * conversation of 50,000 turns, or 300,000 embeddings inputs, takes 10-30 ms to measure.
 */
export async function boundTextsTokens(texts: readonly string[]): Promise<number> {
  let total = 0;
  let sliceStarted = performance.now();
  for (let index = 0; index < texts.length; index++) {
    total += utf8ByteLength(texts[index]!);
    if (index % 1024 === 1023 && performance.now() - sliceStarted >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }
  return total;
}

/**
 * An upper bound on the prompt tokens of a chat request, for holding quota before it is
 * sent: the UTF-8 bytes of the text that `countPromptTokens` would tokenize (see
 * `boundTextTokens`) and of its tools' JSON, plus the same per-message framing and image
 * constants. Never below `countPromptTokens` of the same request, and linear in its size,
 * whatever the text: the tokenizer is not involved (it is super-linear on long runs without
 * spaces and would hold the event loop for minutes on a 5 MB word). Asynchronous because a
 * tool schema of hundreds of thousands of values is measured in slices of the event loop.
 */
export async function boundPromptTokens(request: ChatRequest): Promise<number> {
  const { fixedTokens, textBytes } = await measurePrompt(request);
  return fixedTokens + textBytes;
}

/**
 * The UTF-8 bytes of the text `countPromptTokens` would tokenize (the tools' JSON included,
 * measured without building it), and the framing and image tokens it adds as constants.
 */
export async function measurePrompt(
  request: ChatRequest,
): Promise<{ fixedTokens: number; textBytes: number }> {
  const { texts, tools, fixedTokens } = collectPromptTexts(request);
  let textBytes = await boundTextsTokens(texts);
  if (tools) textBytes += await jsonByteBound(tools);
  return { fixedTokens, textBytes };
}
