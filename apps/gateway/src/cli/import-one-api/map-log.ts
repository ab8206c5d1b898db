import type { LogType, NewLogEntry } from '@oneapi/storage';
import { readFlag, readNumber, readText, type SourceRow } from './source-values';

/** A source log entry; its user, token and channel ids are the source's until resolved. */
export interface LogImport {
  readonly sourceId: number;
  readonly sourceUserId: number;
  readonly sourceTokenId: number;
  readonly sourceChannelId: number;
  readonly entry: NewLogEntry;
}

// model/log.go: 1 top-up, 2 consume, 3 manage, 4 system; new-api adds 5 error, 6 refund.
const TYPES: Readonly<Record<number, LogType>> = {
  1: 'topup',
  2: 'consume',
  3: 'manage',
  4: 'system',
  5: 'error',
  6: 'topup',
};

/**
 * Maps one `logs` row. One API logs name the model and token (token_name) but keep times
 * in seconds; the elapsed time is One API's elapsed_time (ms) or new-api's use_time (s).
 */
export function mapLog(row: SourceRow): LogImport {
  const elapsedMs = readNumber(row, 'elapsedTime', -1);
  const useSeconds = readNumber(row, 'useTime', -1);
  const model = readText(row, 'modelName').trim();
  const requestId = readText(row, 'requestId').trim();
  const ip = readText(row, 'ip').trim();
  const tokenName = readText(row, 'tokenName').trim();
  const content = readText(row, 'content');
  return {
    sourceId: readNumber(row, 'id'),
    sourceUserId: readNumber(row, 'userId'),
    sourceTokenId: readNumber(row, 'tokenId'),
    // One API's struct field is ChannelId with json "channel"; the column is channel_id.
    sourceChannelId: readNumber(row, 'channelId'),
    entry: {
      type: TYPES[readNumber(row, 'type')] ?? 'system',
      createdAt: readNumber(row, 'createdAt') * 1000,
      model: model === '' ? null : model,
      promptTokens: readNumber(row, 'promptTokens'),
      completionTokens: readNumber(row, 'completionTokens'),
      quota: readNumber(row, 'quota'),
      requestId: requestId === '' ? null : requestId,
      elapsedMs: elapsedMs >= 0 ? elapsedMs : useSeconds >= 0 ? useSeconds * 1000 : null,
      isStream: readFlag(row, 'isStream'),
      clientIp: ip === '' ? null : ip,
      // The token's name is all One API records of it; keep it readable in the entry.
      content: tokenName === '' ? content : `${content}${content ? ' ' : ''}(key: ${tokenName})`,
    },
  };
}
