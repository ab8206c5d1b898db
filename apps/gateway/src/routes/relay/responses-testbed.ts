import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { expect } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { answerAsAnthropic, answerAsGemini, answerAsOpenAI } from './gemini-upstreams';
import { answerAsOpenAIResponses } from './responses-upstreams';

/** A gateway with one channel per family for the Responses tests, and a funded user's key. */
export interface ResponsesTestbed {
  readonly gateway: TestGateway;
  /** By channel type: openai, azure, deepseek (chat only), anthropic, gemini. */
  readonly upstreams: Record<string, FixtureServer>;
  readonly apiKey: string;
  /** Adds a channel of `type` at `baseUrl` serving `models`. */
  addChannel(type: string, baseUrl: string, models: string[]): Promise<unknown>;
  /** The consume log rows of a model, newest first. */
  consumeLogs(model: string): Promise<Array<{ promptTokens: number; completionTokens: number }>>;
  close(): Promise<void>;
}

/**
 * The models each channel serves: `gpt-4o` (OpenAI, mapped to `gpt-4o-2024-08-06`),
 * `gpt-4.1` (Azure), `deepseek-chat`, `claude-sonnet-4-5`, and on Gemini `gemini-2.5-pro`
 * (mapped to the recorded Gemini 3 model) and `gemini-2.0-flash`.
 */
export async function startResponsesTestbed(): Promise<ResponsesTestbed> {
  const upstreams: Record<string, FixtureServer> = {
    openai: await startFixtureServer(answerAsOpenAIResponses),
    azure: await startFixtureServer(answerAsOpenAIResponses),
    deepseek: await startFixtureServer(answerAsOpenAI),
    anthropic: await startFixtureServer(answerAsAnthropic),
    gemini: await startFixtureServer(answerAsGemini),
  };
  const gateway = await createTestGateway({
    INITIAL_ROOT_PASSWORD: 'root-password',
    INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
  });
  const base = await gateway.listen();
  const admin = async (path: string, body: unknown) => {
    const response = await fetch(
      `${base}${path}`,
      jsonRequest('POST', body, { authorization: 'Bearer root-access-token' }),
    );
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as { id: number };
  };
  const channel = (type: string, baseUrl: string, models: string[], mapping = {}) =>
    admin('/api/channels', {
      type,
      name: type,
      key: `${type}-upstream-key`,
      baseUrl,
      allowPrivateNetwork: true,
      models,
      modelMapping: mapping,
    });
  await channel('openai', `${upstreams.openai!.url}/v1`, ['gpt-4o'], {
    'gpt-4o': 'gpt-4o-2024-08-06',
  });
  await channel('azure', upstreams.azure!.url, ['gpt-4.1']);
  await channel('deepseek', upstreams.deepseek!.url, ['deepseek-chat']);
  await channel('anthropic', upstreams.anthropic!.url, ['claude-sonnet-4-5']);
  await channel('gemini', upstreams.gemini!.url, ['gemini-2.5-pro', 'gemini-2.0-flash'], {
    'gemini-2.5-pro': 'gemini-3-pro-preview',
  });
  const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
  await admin(`/api/users/${id}/quota`, {
    amount: 50_000_000,
    idempotencyKey: 'responses-top-up',
    reason: 'trial',
  });
  const apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
  return {
    gateway,
    upstreams,
    apiKey,
    addChannel: (type, baseUrl, models) => channel(type, baseUrl, models),
    async consumeLogs(model) {
      const { items } = await gateway.services.storage.repositories.logs.list({ type: 'consume' });
      return items.filter((log) => log.model === model);
    },
    async close() {
      await gateway.close();
      for (const upstream of Object.values(upstreams)) await upstream.close();
    },
  };
}
