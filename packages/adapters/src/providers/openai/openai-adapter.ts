import { openAICompatible } from './openai-compatible';

/** OpenAI itself: the reference every compatible preset departs from. */
export const openaiAdapter = openAICompatible({
  id: 'openai',
  name: 'OpenAI',
  defaultBaseUrl: 'https://api.openai.com/v1',
  embeddings: true,
  endpoints: [
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
