/**
 * Provider types offered in the channel form. The admin API does not list its providers
 * yet, so this is a static list of the common ones; the server rejects an unknown type.
 */
export const CHANNEL_TYPES: readonly string[] = [
  'openai',
  'azure',
  'anthropic',
  'gemini',
  'vertex',
  'bedrock',
  'deepseek',
  'mistral',
  'groq',
  'xai',
  'ollama',
  'openrouter',
  'together',
  'fireworks',
  'cohere',
  'vllm',
  'moonshot',
  'qwen',
  'zhipu',
  'custom',
];
