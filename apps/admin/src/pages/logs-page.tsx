import { useState } from 'react';
import { type LogFilters, listLogs, toLogExportUrl } from '../api/logs-api';
import type { LogEntry } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { usePagedList } from '../components/use-paged-list';
import { useT } from '../i18n/use-t';
import { formatCount, formatDate, formatMs } from '../lib/format';
import { useSession } from '../session/session-context';
import { LogDetail, nameOrId } from './log-detail';
import { LogFiltersForm } from './log-filters-form';

/** The request and audit log, newest first: users see their own, admins everyone's. */
export function LogsPage() {
  const t = useT();
  const { isAdmin } = useSession();
  const [filters, setFilters] = useState<LogFilters>({});
  const list = usePagedList((cursor) => listLogs(filters, cursor));
  const [selected, setSelected] = useState<LogEntry | null>(null);

  // Details comes first so that it stays in view when the wide table scrolls sideways.
  const columns: Column<LogEntry>[] = [
    {
      key: 'details',
      header: t('logs.details'),
      cell: (entry) => (
        <button type="button" className="button button-small" onClick={() => setSelected(entry)}>
          {t('logs.details')}
        </button>
      ),
    },
    {
      key: 'time',
      header: t('logs.time'),
      cell: (entry) => <span className="cell-wrap">{formatDate(entry.createdAt)}</span>,
    },
    { key: 'type', header: t('common.type'), cell: (entry) => t(`logType.${entry.type}`) },
    ...(isAdmin
      ? [
          {
            key: 'user',
            header: t('logDetail.user'),
            cell: (entry: LogEntry) => (
              <span className="cell-wrap">{nameOrId(entry.userName, entry.userId)}</span>
            ),
          },
        ]
      : []),
    {
      key: 'key',
      header: t('logDetail.apiKey'),
      cell: (entry) => (
        <span className="cell-wrap">{nameOrId(entry.tokenName, entry.tokenId)}</span>
      ),
    },
    ...(isAdmin
      ? [
          {
            key: 'channel',
            header: t('logDetail.channel'),
            cell: (entry: LogEntry) => (
              <span className="cell-wrap">{nameOrId(entry.channelName, entry.channelId)}</span>
            ),
          },
        ]
      : []),
    {
      key: 'model',
      header: t('common.model'),
      cell: (entry) => (
        <span className="cell-wrap">
          {entry.model ?? '—'}
          {entry.upstreamModel && entry.upstreamModel !== entry.model
            ? ` → ${entry.upstreamModel}`
            : ''}
        </span>
      ),
    },
    {
      key: 'tokens',
      header: t('logs.tokensInOut'),
      cell: (entry) =>
        `${formatCount(entry.promptTokens)} / ${formatCount(entry.completionTokens)}${entry.usageEstimated ? t('logs.estimated') : ''}`,
      numeric: true,
    },
    {
      key: 'quota',
      header: t('common.quota'),
      cell: (entry) => formatCount(entry.quota),
      numeric: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (entry) =>
        entry.status === null ? (
          '—'
        ) : (
          <span className={`badge badge-${entry.status < 400 ? 'good' : 'bad'}`}>
            {entry.status}
          </span>
        ),
    },
    {
      key: 'latency',
      header: t('common.latency'),
      cell: (entry) => formatMs(entry.elapsedMs),
      numeric: true,
    },
    {
      key: 'stream',
      header: t('logs.stream'),
      cell: (entry) => (entry.isStream ? t('common.yes') : t('common.no')),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('logs.title')}</h1>
        {/* The applied filters, not the ones typed but not yet applied: what the table shows. */}
        <a className="button" href={toLogExportUrl(filters)} download>
          {t('common.exportCsv')}
        </a>
      </div>
      <LogFiltersForm
        showUser={isAdmin}
        onApply={(applied) => {
          setFilters(applied);
          setSelected(null);
          list.reload();
        }}
      />
      {selected && <LogDetail entry={selected} onClose={() => setSelected(null)} />}
      <section className="card card-dense">
        <DataTable
          label={t('logs.title')}
          state={list.state}
          columns={columns}
          rowKey={(entry) => entry.id}
          empty={t('logs.empty')}
        />
        <LoadMore list={list} />
      </section>
    </>
  );
}
