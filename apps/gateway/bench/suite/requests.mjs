// The requests every target is sent, and the check that each answers them as it should.
import { agentBodies } from './agent-request.mjs';
import { createCall, sampleAnswer } from './clients.mjs';
import { MODELS } from './gateway.mjs';

const PROMPT = [
  { role: 'system', content: 'You are a concise assistant. Answer in plain prose.' },
  {
    role: 'user',
    content: 'Invent a holiday about the night sky: its name, its date and three traditions.',
  },
];
const chatBody = (model, stream) =>
  JSON.stringify({
    model,
    max_tokens: 512,
    messages: PROMPT,
    ...(stream && { stream: true, stream_options: { include_usage: true } }),
  });
const messagesBody = (model) =>
  JSON.stringify({
    model,
    max_tokens: 512,
    system: PROMPT[0].content,
    messages: [PROMPT[1]],
    stream: true,
  });

const AGENT = agentBodies({ chatModel: MODELS.openai, messagesModel: MODELS.anthropic });
const ANTHROPIC_VERSION = { 'anthropic-version': '2023-06-01' };

/** The same requests against the mock, a floor (mock paths) or the gateway (/v1). */
export function callsFor(origin, pid, gatewayKey) {
  if (gatewayKey) {
    const relay = (body, path = '/v1/chat/completions', headers = {}) =>
      createCall({
        origin,
        pid,
        path,
        headers: { authorization: `Bearer ${gatewayKey}`, ...headers },
        body,
      });
    return {
      nonStream: relay(chatBody(MODELS.openai, false)),
      openaiStream: relay(chatBody(MODELS.openai, true)),
      anthropicStream: relay(chatBody(MODELS.anthropic, true)),
      idleStream: relay(chatBody(MODELS.idle, true)),
      agentChat: relay(AGENT.chat),
      // Claude Code's way in: /v1/messages to an Anthropic channel, the same format.
      agentMessages: relay(AGENT.messages, '/v1/messages', ANTHROPIC_VERSION),
    };
  }
  const direct = (path, body, headers) => createCall({ origin, pid, path, body, headers });
  return {
    nonStream: direct('/s/50/0/0/v1/chat/completions', chatBody(MODELS.openai, false)),
    openaiStream: direct('/s/50/0/0/v1/chat/completions', chatBody(MODELS.openai, true)),
    anthropicStream: direct('/s/50/0/0/v1/messages', messagesBody(MODELS.anthropic)),
    idleStream: direct('/s/2/0/3600000/v1/chat/completions', chatBody(MODELS.idle, true)),
    agentChat: direct('/s/50/0/0/v1/chat/completions', AGENT.chat),
    agentMessages: direct('/s/50/0/0/v1/messages', AGENT.messages, ANTHROPIC_VERSION),
  };
}

/** Every target answers each request as it should before anything is timed. */
export async function checkAnswers(targets) {
  const deltas = (text) => (text.match(/"content":"[^"]/g) ?? []).length;
  for (const [name, { calls }] of Object.entries(targets)) {
    const completion = JSON.parse(await sampleAnswer(calls.nonStream));
    const openai = await sampleAnswer(calls.openaiStream);
    const anthropic = await sampleAnswer(calls.anthropicStream);
    const agentChat = JSON.parse(await sampleAnswer(calls.agentChat));
    const agentMessages = JSON.parse(await sampleAnswer(calls.agentMessages));
    const translated = name === 'gateway';
    const problems = [
      !(completion.usage?.completion_tokens > 0) && 'non-stream answer without usage',
      !(agentChat.usage?.completion_tokens > 0) && '60 KB chat answer without usage',
      !(agentMessages.usage?.output_tokens > 0) && '60 KB messages answer without usage',
      !(openai.includes('"usage"') && openai.endsWith('data: [DONE]\n\n')) &&
        'OpenAI stream without usage or [DONE]',
      deltas(openai) < 50 && `OpenAI stream with ${deltas(openai)} deltas, not 50`,
      translated &&
        !(anthropic.includes('"usage"') && deltas(anthropic) >= 50) &&
        'translated Anthropic stream without usage or 50 deltas',
      !translated && !anthropic.includes('event: message_stop') && 'Anthropic stream cut short',
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
  }
}
