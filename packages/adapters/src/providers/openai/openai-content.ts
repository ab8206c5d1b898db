import { asRecord } from '../../core/parse-json';

export interface SplitContent {
  readonly text: string;
  readonly reasoning: string;
}

/**
 * Message content as text and reasoning. Most vendors send a string; Mistral's Magistral
 * sends an array of `thinking` and `text` parts, where `thinking` holds text parts itself.
 */
export function splitOpenAIContent(content: unknown): SplitContent {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content) {
    const record = asRecord(part);
    if (record.type === 'text' && typeof record.text === 'string') text += record.text;
    if (record.type === 'thinking') reasoning += splitOpenAIContent(record.thinking).text;
  }
  return { text, reasoning };
}

/** Reasoning text under any of the names vendors use: reasoning_content, reasoning. */
export function readReasoningField(message: Record<string, unknown>): string {
  const value = message.reasoning_content ?? message.reasoning;
  return typeof value === 'string' ? value : '';
}
