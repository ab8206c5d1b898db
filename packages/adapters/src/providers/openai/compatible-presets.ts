import { DEEPSEEK_BALANCE, OPENROUTER_BALANCE, SILICONFLOW_BALANCE } from './compatible-balances';
import { type OpenAICompatiblePreset, openAICompatible } from './openai-compatible';

/*
 * OpenAI-compatible vendors as data: a default base URL and the quirks each one has.
 * Adding a vendor that speaks OpenAI's format is one entry here and nothing else.
 * Local servers (LM Studio, vLLM, llama.cpp, LocalAI) need no key; a channel may set one.
 */
const PRESETS: readonly OpenAICompatiblePreset[] = [
  {
    id: 'mistral',
    name: 'Mistral',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    embeddings: true,
    quirks: {
      maxTokensOnly: true,
      renamedParams: { seed: 'random_seed' },
      // Mistral puts usage on the last chunk unasked and rejects stream_options.
      streamUsage: 'always',
      toolCallIdFormat: 'alphanumeric-9',
      unsupportedParams: ['logit_bias', 'logprobs', 'top_logprobs', 'metadata', 'user'],
    },
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    defaultBaseUrl: 'https://api.deepseek.com',
    capabilities: { vision: false },
    quirks: { maxTokensOnly: true },
    balance: DEEPSEEK_BALANCE,
  },
  {
    id: 'groq',
    name: 'Groq',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    // Groq rejects logprobs, logit_bias and n > 1.
    quirks: { unsupportedParams: ['logprobs', 'top_logprobs', 'logit_bias', 'n', 'metadata'] },
  },
  {
    id: 'xai',
    name: 'xAI',
    defaultBaseUrl: 'https://api.x.ai/v1',
    // Grok's completion_tokens leave out its reasoning_tokens (12 + 1 + 228 = total 241).
    quirks: { reasoningTokensApart: true },
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    quirks: { extraHeaders: { 'x-title': 'oneapi' } },
    balance: OPENROUTER_BALANCE,
  },
  {
    id: 'together',
    name: 'Together AI',
    defaultBaseUrl: 'https://api.together.xyz/v1',
    embeddings: true,
  },
  {
    id: 'fireworks',
    name: 'Fireworks AI',
    defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
    embeddings: true,
  },
  {
    id: 'perplexity',
    name: 'Perplexity',
    defaultBaseUrl: 'https://api.perplexity.ai',
    capabilities: { tools: false },
    quirks: {
      unsupportedParams: ['tools', 'tool_choice', 'parallel_tool_calls', 'logit_bias', 'n'],
    },
  },
  { id: 'moonshot', name: 'Moonshot (Kimi)', defaultBaseUrl: 'https://api.moonshot.cn/v1' },
  {
    id: 'zhipu',
    name: 'Zhipu GLM',
    defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    embeddings: true,
    quirks: { maxTokensOnly: true },
  },
  {
    id: 'qwen',
    name: 'Qwen (DashScope compatible mode)',
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    embeddings: true,
  },
  {
    id: 'qianfan',
    name: 'Baidu Qianfan v2',
    defaultBaseUrl: 'https://qianfan.baidubce.com/v2',
    embeddings: true,
  },
  {
    id: 'siliconflow',
    name: 'SiliconFlow',
    defaultBaseUrl: 'https://api.siliconflow.cn/v1',
    embeddings: true,
    endpoints: ['/rerank', '/images/generations', '/audio/speech', '/audio/transcriptions'],
    balance: SILICONFLOW_BALANCE,
  },
  { id: 'novita', name: 'Novita AI', defaultBaseUrl: 'https://api.novita.ai/v3/openai' },
  {
    id: 'cerebras',
    name: 'Cerebras',
    defaultBaseUrl: 'https://api.cerebras.ai/v1',
    quirks: { unsupportedParams: ['logit_bias', 'presence_penalty', 'frequency_penalty'] },
  },
  {
    id: 'nvidia',
    name: 'NVIDIA NIM',
    defaultBaseUrl: 'https://integrate.api.nvidia.com/v1',
    embeddings: true,
  },
  {
    id: 'huggingface',
    name: 'Hugging Face router',
    defaultBaseUrl: 'https://router.huggingface.co/v1',
  },
  {
    id: 'volcengine',
    name: 'Volcengine Ark (Doubao)',
    defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    embeddings: true,
  },
  {
    id: 'minimax',
    name: 'MiniMax',
    defaultBaseUrl: 'https://api.minimax.io/v1',
    quirks: { maxTokensOnly: true },
  },
  { id: 'stepfun', name: 'StepFun', defaultBaseUrl: 'https://api.stepfun.com/v1' },
  { id: 'lingyiwanwu', name: '01.AI', defaultBaseUrl: 'https://api.lingyiwanwu.com/v1' },
  {
    id: 'hunyuan',
    name: 'Tencent Hunyuan',
    defaultBaseUrl: 'https://api.hunyuan.cloud.tencent.com/v1',
    embeddings: true,
  },
  {
    id: 'gemini-openai',
    name: 'Gemini (OpenAI-compatible endpoint)',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    embeddings: true,
  },
  {
    id: 'lmstudio',
    name: 'LM Studio',
    defaultBaseUrl: 'http://localhost:1234/v1',
    embeddings: true,
  },
  {
    id: 'vllm',
    name: 'vLLM',
    defaultBaseUrl: 'http://localhost:8000/v1',
    embeddings: true,
    endpoints: ['/completions', '/rerank', '/audio/transcriptions'],
  },
  {
    id: 'llamacpp',
    name: 'llama.cpp server',
    defaultBaseUrl: 'http://localhost:8080/v1',
    embeddings: true,
  },
  { id: 'localai', name: 'LocalAI', defaultBaseUrl: 'http://localhost:8080/v1', embeddings: true },
  // A server of one's own may implement any of OpenAI's endpoints; the upstream says if not.
  {
    id: 'custom',
    name: 'Custom OpenAI-compatible',
    defaultBaseUrl: undefined,
    embeddings: true,
    endpoints: [
      '/completions',
      '/images/generations',
      '/images/edits',
      '/audio/speech',
      '/audio/transcriptions',
      '/audio/translations',
      '/moderations',
      '/rerank',
      '/responses',
    ],
  },
];

export const compatibleAdapters = PRESETS.map(openAICompatible);
