import { openAICompatible } from './openai-compatible';

/** OpenAI itself: the reference every compatible preset departs from. */
export const openaiAdapter = openAICompatible({
  id: 'openai',
  name: 'OpenAI',
  defaultBaseUrl: 'https://api.openai.com/v1',
  embeddings: true,
  // o1, o3, o4-mini, gpt-5 and its variants, but not gpt-5-chat (a chat model).
  quirks: { reasoningModels: /^(o\d|gpt-5(?!(\.\d+)?-chat))/ },
  // Chat too: OpenAI's answers are the format itself, so its clients' bytes pass through.
  endpoints: [
    '/chat/completions',
    '/completions',
    '/images/generations',
    '/images/edits',
    '/audio/speech',
    '/audio/transcriptions',
    '/audio/translations',
    '/moderations',
    '/responses',
  ],
});
