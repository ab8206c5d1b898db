import type { Channel } from '../api/types';
import { useT } from '../i18n/use-t';
import { retirementOf } from '../lib/channel-retirement';
import { formatDate, formatMs } from '../lib/format';
import type { ChannelTest } from './use-channel-tests';

/**
 * A row's test cell: the live result; else why health took the channel (or some keys) out and
 * when it is probed next; else the last passing test's latency.
 */
export function ChannelTestResult({
  channel,
  test,
}: {
  channel: Channel;
  test: ChannelTest | undefined;
}) {
  return (
    <span className="test-result" aria-live="polite">
      <TestState channel={channel} test={test} />
    </span>
  );
}

function TestState({ channel, test }: { channel: Channel; test: ChannelTest | undefined }) {
  const t = useT();
  const retirement = retirementOf(channel);
  if (!test && retirement)
    return (
      <>
        {retirement.retiredKeys > 0 && (
          <span className="muted">
            {t('channels.retiredKeys', { count: retirement.retiredKeys })}:{' '}
          </span>
        )}
        <span className="test-error">{retirement.reason}</span>
        {retirement.nextProbeAt !== null && (
          <>
            {' '}
            <span className="muted">
              {t('channels.nextProbe', { time: formatDate(retirement.nextProbeAt) })}
            </span>
          </>
        )}
      </>
    );
  if (!test)
    return channel.testLatencyMs === null ? (
      <span className="muted">{t('channels.notTested')}</span>
    ) : (
      <span className="muted">
        {t('channels.lastPass', { latency: formatMs(channel.testLatencyMs) })}
      </span>
    );
  switch (test.kind) {
    case 'queued':
      return <span className="muted">{t('channels.waiting')}</span>;
    case 'running':
      return <span className="muted">{t('channels.testing')}</span>;
    case 'failed':
      return (
        <span className="test-error">
          {test.error instanceof Error ? test.error.message : String(test.error)}
        </span>
      );
    case 'done':
      return test.report.ok ? (
        <>
          <span className="badge badge-good">{t('channels.ok')}</span>{' '}
          {formatMs(test.report.latencyMs)}
        </>
      ) : (
        <>
          <span className="badge badge-bad">{t('channels.failed')}</span>{' '}
          <span className="test-error">
            {test.report.error?.message ?? t('channels.noDetails')}
          </span>
        </>
      );
  }
}
