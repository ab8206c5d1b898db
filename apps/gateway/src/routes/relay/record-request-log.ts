import type { Usage } from '@oneapi/adapters';
import type { Channel, Token } from '@oneapi/storage';
import type { GatewayServices } from '../../compose';

export interface RequestLogEntry {
  readonly token: Token;
  readonly channel: Channel;
  readonly model: string;
  readonly upstreamModel: string;
  readonly usage: Usage | undefined;
  readonly status: number;
  readonly isStream: boolean;
  readonly elapsedMs: number;
  readonly firstTokenMs?: number;
  readonly clientIp: string | null;
  readonly error?: string;
}

/**
 * One consume (or error) log row per relay request. A failed log write is reported, never
 * thrown: the caller already has its answer. (Billing moves to the ledger's settlement.)
 */
export async function recordRequestLog(
  services: GatewayServices,
  entry: RequestLogEntry,
): Promise<void> {
  try {
    await services.storage.repositories.logs.insertMany([
      {
        type: entry.status < 400 ? 'consume' : 'error',
        userId: entry.token.userId,
        tokenId: entry.token.id,
        channelId: entry.channel.id,
        model: entry.model,
        upstreamModel: entry.upstreamModel,
        promptTokens: entry.usage?.promptTokens ?? 0,
        completionTokens: entry.usage?.completionTokens ?? 0,
        cachedTokens: entry.usage?.cachedTokens ?? 0,
        usageEstimated: entry.usage?.estimated === true,
        status: entry.status,
        isStream: entry.isStream,
        elapsedMs: entry.elapsedMs,
        firstTokenMs: entry.firstTokenMs ?? null,
        clientIp: entry.clientIp?.split(',')[0]?.trim() ?? null,
        attempts: [
          { channelId: entry.channel.id, status: entry.status, latencyMs: entry.elapsedMs },
        ],
        content: entry.error ?? null,
      },
    ]);
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'log write failed', err: String(error) }));
  }
}
