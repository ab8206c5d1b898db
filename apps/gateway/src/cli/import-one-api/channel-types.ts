/** Which schema the source database has: One API's, or new-api's (it renumbered channel types). */
export type SourceKind = 'one-api' | 'new-api';

/** How a source channel type becomes one of our provider types. */
export interface ChannelTypeMapping {
  /** The source's own name for the type, for the report. */
  readonly name: string;
  /** Our provider type id; absent: no counterpart, so the channel is reported and skipped. */
  readonly provider?: string;
  /** The base URL the source used when the channel left its own empty. */
  readonly sourceBaseUrl?: string;
  /**
   * What the source put between the base URL and the endpoint path (`/v1` before
   * `/chat/completions` for OpenAI-style types), which our base URLs include instead.
   */
  readonly pathPrefix?: string;
  /** new-api's Custom type: the base URL is the whole chat URL, not a prefix. */
  readonly wholeUrl?: boolean;
  /** Where the key and settings need reshaping (`ak|sk|region` into ours, a project, ...). */
  readonly credentials?: 'bedrock' | 'vertex' | 'cloudflare' | 'azure';
}

const openAIStyle = (
  name: string,
  sourceBaseUrl: string | undefined,
  provider = 'custom',
): ChannelTypeMapping => ({
  name,
  provider,
  ...(sourceBaseUrl !== undefined && { sourceBaseUrl }),
  pathPrefix: '/v1',
});
const unmapped = (name: string): ChannelTypeMapping => ({ name });

/*
 * One API's ids: relay/channeltype/define.go (an iota list), default base URLs from
 * relay/channeltype/url.go. Every OpenAI-style type calls `${base_url}/v1/chat/completions`
 * (relay/adaptor/openai/helper.go GetFullRequestURL). No counterpart: PaLM (retired),
 * Baidu's v1 ERNIE and Tencent's TC3-signed APIs (other credentials than our qianfan and
 * hunyuan presets take), Xunfei's WebSocket API, AIProxy's library API, Coze, DeepL,
 * Replicate and One API's own Proxy type.
 */
const ONE_API: Readonly<Record<number, ChannelTypeMapping>> = {
  0: unmapped('Unknown'),
  1: openAIStyle('OpenAI', 'https://api.openai.com', 'openai'),
  2: openAIStyle('API2D', 'https://oa.api2d.net'),
  3: { name: 'Azure', provider: 'azure', credentials: 'azure' },
  4: openAIStyle('CloseAI', 'https://api.closeai-proxy.xyz'),
  5: openAIStyle('OpenAISB', 'https://api.openai-sb.com'),
  6: openAIStyle('OpenAIMax', 'https://api.openaimax.com'),
  7: openAIStyle('OhMyGPT', 'https://api.ohmygpt.com'),
  8: openAIStyle('Custom', undefined),
  9: openAIStyle('Ails', 'https://api.caipacity.com'),
  10: openAIStyle('AIProxy', 'https://api.aiproxy.io'),
  11: unmapped('PaLM'),
  12: openAIStyle('API2GPT', 'https://api.api2gpt.com'),
  13: openAIStyle('AIGC2D', 'https://api.aigc2d.com'),
  14: { name: 'Anthropic', provider: 'anthropic', sourceBaseUrl: 'https://api.anthropic.com' },
  15: unmapped('Baidu'),
  // glm-4 and later go to /api/paas/v4, which takes the same key as a bearer token.
  16: {
    name: 'Zhipu',
    provider: 'zhipu',
    sourceBaseUrl: 'https://open.bigmodel.cn',
    pathPrefix: '/api/paas/v4',
  },
  17: { name: 'Ali', provider: 'dashscope', sourceBaseUrl: 'https://dashscope.aliyuncs.com' },
  18: unmapped('Xunfei'),
  19: openAIStyle('AI360', 'https://ai.360.cn'),
  20: openAIStyle('OpenRouter', 'https://openrouter.ai/api', 'openrouter'),
  21: unmapped('AIProxyLibrary'),
  22: openAIStyle('FastGPT', 'https://fastgpt.run/api/openapi'),
  23: unmapped('Tencent'),
  24: {
    name: 'Gemini',
    provider: 'gemini',
    sourceBaseUrl: 'https://generativelanguage.googleapis.com',
  },
  25: openAIStyle('Moonshot', 'https://api.moonshot.cn', 'moonshot'),
  26: openAIStyle('Baichuan', 'https://api.baichuan-ai.com'),
  27: openAIStyle('Minimax', 'https://api.minimax.chat', 'minimax'),
  28: openAIStyle('Mistral', 'https://api.mistral.ai', 'mistral'),
  29: openAIStyle('Groq', 'https://api.groq.com/openai', 'groq'),
  30: { name: 'Ollama', provider: 'ollama', sourceBaseUrl: 'http://localhost:11434' },
  31: openAIStyle('LingYiWanWu', 'https://api.lingyiwanwu.com', 'lingyiwanwu'),
  32: openAIStyle('StepFun', 'https://api.stepfun.com', 'stepfun'),
  33: { name: 'AwsClaude', provider: 'bedrock', credentials: 'bedrock' },
  34: unmapped('Coze'),
  35: { name: 'Cohere', provider: 'cohere', sourceBaseUrl: 'https://api.cohere.ai' },
  36: openAIStyle('DeepSeek', 'https://api.deepseek.com', 'deepseek'),
  37: {
    name: 'Cloudflare',
    provider: 'cloudflare',
    sourceBaseUrl: 'https://api.cloudflare.com',
    pathPrefix: '/client/v4',
    credentials: 'cloudflare',
  },
  38: unmapped('DeepL'),
  39: openAIStyle('TogetherAI', 'https://api.together.xyz', 'together'),
  40: {
    name: 'Doubao',
    provider: 'volcengine',
    sourceBaseUrl: 'https://ark.cn-beijing.volces.com',
    pathPrefix: '/api/v3',
  },
  41: { name: 'Novita', provider: 'novita', sourceBaseUrl: 'https://api.novita.ai/v3/openai' },
  42: { name: 'VertextAI', provider: 'vertex', credentials: 'vertex' },
  43: unmapped('Proxy'),
  44: openAIStyle('SiliconFlow', 'https://api.siliconflow.cn', 'siliconflow'),
  45: openAIStyle('XAI', 'https://api.x.ai', 'xai'),
  46: unmapped('Replicate'),
  47: {
    name: 'BaiduV2',
    provider: 'qianfan',
    sourceBaseUrl: 'https://qianfan.baidubce.com',
    pathPrefix: '/v2',
  },
  48: openAIStyle('XunfeiV2', 'https://spark-api-open.xf-yun.com'),
  49: {
    name: 'AliBailian',
    provider: 'qwen',
    sourceBaseUrl: 'https://dashscope.aliyuncs.com',
    pathPrefix: '/compatible-mode/v1',
  },
  50: openAIStyle('OpenAICompatible', undefined),
  51: {
    name: 'GeminiOpenAICompatible',
    provider: 'gemini-openai',
    sourceBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
  },
};

/*
 * new-api's ids: constant/channel.go (explicit numbers, default base URLs in
 * ChannelBaseURLs). They agree with One API's up to 25 (except 2, 4 and 5) and differ from
 * 26 on: new-api 36 is Suno, One API 36 is DeepSeek. Ids past 51 differ between new-api
 * releases and forks, so they are left unmapped. No counterpart, besides One API's: the
 * Midjourney, Suno, Kling, Jimeng, Dify, Jina and MokaAI task and rerank services.
 */
const NEW_API: Readonly<Record<number, ChannelTypeMapping>> = {
  0: unmapped('Unknown'),
  1: openAIStyle('OpenAI', 'https://api.openai.com', 'openai'),
  2: unmapped('Midjourney'),
  3: { name: 'Azure', provider: 'azure', credentials: 'azure' },
  4: { name: 'Ollama', provider: 'ollama', sourceBaseUrl: 'http://localhost:11434' },
  5: unmapped('MidjourneyPlus'),
  6: openAIStyle('OpenAIMax', 'https://api.openaimax.com'),
  7: openAIStyle('OhMyGPT', 'https://api.ohmygpt.com'),
  // relay/channel/openai/adaptor.go GetRequestURL: the base URL is used as the whole URL.
  8: { name: 'Custom', provider: 'custom', wholeUrl: true },
  9: openAIStyle('AILS', 'https://api.caipacity.com'),
  10: openAIStyle('AIProxy', 'https://api.aiproxy.io'),
  11: unmapped('PaLM'),
  12: openAIStyle('API2GPT', 'https://api.api2gpt.com'),
  13: openAIStyle('AIGC2D', 'https://api.aigc2d.com'),
  14: ONE_API[14]!,
  15: unmapped('Baidu'),
  16: ONE_API[16]!,
  17: ONE_API[17]!,
  18: unmapped('Xunfei'),
  19: openAIStyle('360', 'https://api.360.cn'),
  20: ONE_API[20]!,
  21: unmapped('AIProxyLibrary'),
  22: ONE_API[22]!,
  23: unmapped('Tencent'),
  24: ONE_API[24]!,
  25: ONE_API[25]!,
  26: { ...ONE_API[16]!, name: 'ZhipuV4' },
  27: { name: 'Perplexity', provider: 'perplexity', sourceBaseUrl: 'https://api.perplexity.ai' },
  31: ONE_API[31]!,
  33: { name: 'AWS', provider: 'bedrock', credentials: 'bedrock' },
  34: { ...ONE_API[35]!, name: 'Cohere' },
  35: { ...ONE_API[27]!, name: 'MiniMax' },
  36: unmapped('SunoAPI'),
  37: unmapped('Dify'),
  38: unmapped('Jina'),
  39: ONE_API[37]!,
  40: ONE_API[44]!,
  41: { name: 'VertexAI', provider: 'vertex', credentials: 'vertex' },
  42: ONE_API[28]!,
  43: ONE_API[36]!,
  44: unmapped('MokaAI'),
  45: { ...ONE_API[40]!, name: 'VolcEngine' },
  46: ONE_API[47]!,
  47: openAIStyle('Xinference', undefined),
  48: { ...ONE_API[45]!, name: 'xAI' },
  49: unmapped('Coze'),
  50: unmapped('Kling'),
  51: unmapped('Jimeng'),
};

const TABLES: Readonly<Record<SourceKind, Readonly<Record<number, ChannelTypeMapping>>>> = {
  'one-api': ONE_API,
  'new-api': NEW_API,
};

/** The mapping of a source type id; an id the table does not know has no counterpart. */
export function resolveChannelType(kind: SourceKind, type: number): ChannelTypeMapping {
  return TABLES[kind][type] ?? unmapped(`unknown type ${type}`);
}

/** Every known id of a source kind, for the docs and the tests. */
export function listChannelTypes(kind: SourceKind): [number, ChannelTypeMapping][] {
  return Object.entries(TABLES[kind]).map(([id, mapping]) => [Number(id), mapping]);
}
