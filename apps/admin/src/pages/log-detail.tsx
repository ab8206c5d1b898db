import type { LogEntry } from '../api/types';
import { useT } from '../i18n/use-t';
import { formatCount, formatDate, formatMs } from '../lib/format';

/** A user, key or channel as a log shows it: its name, or `#id` once it is gone (or hidden). */
export const nameOrId = (name: string | null, id: number | null) =>
  name ?? (id === null ? '—' : `#${id}`);

/** One log row in full, with the upstream attempts the router made, in order. */
export function LogDetail({ entry, onClose }: { entry: LogEntry; onClose: () => void }) {
  const t = useT();
  const facts: [string, string][] = [
    [t('logs.time'), formatDate(entry.createdAt)],
    [t('logDetail.requestId'), entry.requestId ?? '—'],
    [t('common.type'), t(`logType.${entry.type}`)],
    [t('logDetail.user'), nameOrId(entry.userName, entry.userId)],
    [t('logDetail.apiKey'), nameOrId(entry.tokenName, entry.tokenId)],
    [t('logDetail.channel'), nameOrId(entry.channelName, entry.channelId)],
    [t('common.model'), entry.model ?? '—'],
    [t('logDetail.upstreamModel'), entry.upstreamModel ?? '—'],
    [
      t('usage.tokens'),
      t('logDetail.tokens', {
        prompt: formatCount(entry.promptTokens),
        cached: formatCount(entry.cachedTokens),
        completion: formatCount(entry.completionTokens),
        estimated: entry.usageEstimated,
      }),
    ],
    [t('common.quota'), formatCount(entry.quota)],
    [t('common.status'), entry.status === null ? '—' : String(entry.status)],
    [t('common.latency'), formatMs(entry.elapsedMs)],
    [t('logDetail.firstToken'), formatMs(entry.firstTokenMs)],
    [t('logs.stream'), entry.isStream ? t('common.yes') : t('common.no')],
    [t('logDetail.clientIp'), entry.clientIp ?? '—'],
  ];
  return (
    <section className="card" aria-label={t('logDetail.region')}>
      <div className="page-head">
        <h2>{t('logDetail.title', { id: entry.requestId ?? `#${entry.id}` })}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {entry.content && <p className="cell-wrap">{entry.content}</p>}
      <h3>{t('logDetail.attempts')}</h3>
      {entry.attempts === null || entry.attempts.length === 0 ? (
        <p className="empty">{t('logDetail.noAttempts')}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t('logDetail.attempts')}>
            <thead>
              <tr>
                <th className="numeric">#</th>
                <th className="numeric">{t('logDetail.channel')}</th>
                <th className="numeric">{t('logDetail.key')}</th>
                <th className="numeric">{t('common.status')}</th>
                <th>{t('logDetail.error')}</th>
                <th className="numeric">{t('common.latency')}</th>
              </tr>
            </thead>
            <tbody>
              {entry.attempts.map((attempt, index) => (
                // Attempts have no id; their order is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={index}>
                  <td className="numeric">{index + 1}</td>
                  <td className="numeric">{attempt.channelId}</td>
                  <td className="numeric">{attempt.keyIndex ?? '—'}</td>
                  <td className="numeric">{attempt.status ?? '—'}</td>
                  <td>{attempt.errorClass ?? '—'}</td>
                  <td className="numeric">{formatMs(attempt.latencyMs ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
