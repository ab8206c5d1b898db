import type { LogEntry } from '../api/types';
import { formatCount, formatDate, formatMs } from '../lib/format';

/** One log row in full, with the upstream attempts the router made, in order. */
export function LogDetail({ entry, onClose }: { entry: LogEntry; onClose: () => void }) {
  const facts: [string, string][] = [
    ['Time', formatDate(entry.createdAt)],
    ['Request id', entry.requestId ?? '—'],
    ['Type', entry.type],
    ['User', entry.userId === null ? '—' : String(entry.userId)],
    ['API key', entry.tokenId === null ? '—' : String(entry.tokenId)],
    ['Channel', entry.channelId === null ? '—' : String(entry.channelId)],
    ['Model', entry.model ?? '—'],
    ['Upstream model', entry.upstreamModel ?? '—'],
    [
      'Tokens',
      `${formatCount(entry.promptTokens)} in (${formatCount(entry.cachedTokens)} cached) / ${formatCount(entry.completionTokens)} out${entry.usageEstimated ? ', estimated' : ''}`,
    ],
    ['Quota', formatCount(entry.quota)],
    ['Status', entry.status === null ? '—' : String(entry.status)],
    ['Latency', formatMs(entry.elapsedMs)],
    ['First token', formatMs(entry.firstTokenMs)],
    ['Stream', entry.isStream ? 'yes' : 'no'],
    ['Client IP', entry.clientIp ?? '—'],
  ];
  return (
    <section className="card" aria-label="Log detail">
      <div className="page-head">
        <h2>Request {entry.requestId ?? `#${entry.id}`}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
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
      <h3>Attempts</h3>
      {entry.attempts === null || entry.attempts.length === 0 ? (
        <p className="empty">No upstream attempt was recorded.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Attempts">
            <thead>
              <tr>
                <th className="numeric">#</th>
                <th className="numeric">Channel</th>
                <th className="numeric">Key</th>
                <th className="numeric">Status</th>
                <th>Error</th>
                <th className="numeric">Latency</th>
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
