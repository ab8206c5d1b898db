/*
 * The token counts each provider puts in its context-length refusal: OpenAI's "maximum
 * context length is M tokens. However, your messages resulted in N tokens", Gemini's "input
 * token count (N) exceeds the maximum number of tokens allowed (M)", and Anthropic's own
 * "prompt is too long: N tokens > M maximum" (Claude on Bedrock words it so).
 */
const COUNTS: ReadonlyArray<{ pattern: RegExp; prompt: number; limit: number }> = [
  {
    pattern:
      /maximum context length is (\d+) tokens\. However, you(?:r messages)? (?:resulted in|requested) (\d+) tokens/,
    prompt: 2,
    limit: 1,
  },
  {
    pattern: /input token count \((\d+)\) exceeds the maximum number of tokens allowed \((\d+)\)/,
    prompt: 1,
    limit: 2,
  },
  { pattern: /prompt is too long: (\d+) tokens > (\d+) maximum/, prompt: 1, limit: 2 },
];

/**
 * A provider's context-length refusal worded as Anthropic words it, "prompt is too long:
 * N tokens > M maximum": Claude Code compacts the conversation on those words and reads the
 * counts, where another provider's wording is a dead end. Without counts in the provider's
 * message, its own words follow the phrase.
 */
export function toPromptTooLongMessage(message: string): string {
  for (const { pattern, prompt, limit } of COUNTS) {
    const match = pattern.exec(message);
    if (match) return `prompt is too long: ${match[prompt]} tokens > ${match[limit]} maximum`;
  }
  return `prompt is too long (${message})`;
}
