import { openAICompatible } from './openai-compatible';

/** OpenAI itself: the reference every compatible preset departs from. */
export const openaiAdapter = openAICompatible({
  id: 'openai',
  name: 'OpenAI',
  defaultBaseUrl: 'https://api.openai.com/v1',
  embeddings: true,
  capabilities: { images: true, audio: true },
});
