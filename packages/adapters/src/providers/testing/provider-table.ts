import type { ProviderAdapter } from '../../spec/provider-adapter';

/** What captured traffic each provider's tests replay; absent: covered by the shared OpenAI suite only. */
export const FIXTURE_COVERAGE: Readonly<Record<string, string>> = {
  openai: 'chat, streams (usage, tools, n=3, refusal, logprobs), errors, embeddings',
  azure: 'content-filter stream; URL and auth shape',
  anthropic:
    'messages, streams (text, tools, thinking, prompt cache, refusal, cut-off JSON), errors',
  bedrock: 'Converse and ConverseStream (text, tools, reasoning), binary event-stream framing',
  gemini:
    'generateContent and streams (text, function calls, thinking, prompt blocked, errors), js-genai recordings',
  vertex:
    'recordings (system instruction, function-call stream, partial function-call args); service-account token exchange',
  cohere: 'v2 chat, streams (text, tool calls, reasoning), citations, embeddings',
  ollama: '/api/chat requests (text, tools, images), NDJSON streams, errors',
  dashscope:
    'native SSE stream (docs capture); other native bodies hand-written from compatible-mode captures',
  cloudflare: 'hand-written from the documented shapes (no capture exists)',
  mistral: 'chat, streams (text, whole tool calls, Magistral thinking)',
  deepseek: 'chat, streams (reasoning, tools)',
  groq: 'chat, tool-call stream (x_groq usage)',
  xai: 'chat, tool-call stream',
  perplexity: 'chat with citations',
  qwen: 'compatible-mode chat, reasoning, tool-call stream (id:"" continuations)',
};

const yes = (flag: boolean) => (flag ? 'yes' : '-');

/** The providers table in docs/providers.md, generated from the registry so it cannot drift. */
export function renderProviderTable(providers: readonly ProviderAdapter[]): string {
  const header = [
    '| type | name | kind | default base URL | chat | stream | tools | vision | embeddings | balance | verified by captured traffic |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = providers.map((provider) => {
    const c = provider.capabilities;
    return `| \`${provider.id}\` | ${provider.name} | ${provider.kind} | ${provider.defaultBaseUrl ? `\`${provider.defaultBaseUrl}\`` : '(set per channel)'} | ${yes(c.chat)} | ${yes(c.stream)} | ${yes(c.tools)} | ${yes(c.vision)} | ${yes(c.embeddings)} | ${yes(provider.balance !== undefined)} | ${FIXTURE_COVERAGE[provider.id] ?? '-'} |`;
  });
  return [...header, ...rows].join('\n');
}
