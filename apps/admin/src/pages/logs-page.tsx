import { useState } from 'react';
import { type LogFilters, listLogs, toLogExportUrl } from '../api/logs-api';
import type { LogEntry } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { usePagedList } from '../components/use-paged-list';
import { formatCount, formatDate, formatMs } from '../lib/format';
import { useSession } from '../session/session-context';
import { LogDetail } from './log-detail';
import { LogFiltersForm } from './log-filters-form';

/** The request and audit log, newest first: users see their own, admins everyone's. */
export function LogsPage() {
  const { isAdmin } = useSession();
  const [filters, setFilters] = useState<LogFilters>({});
  const list = usePagedList((cursor) => listLogs(filters, cursor));
  const [selected, setSelected] = useState<LogEntry | null>(null);

  // Details comes first so that it stays in view when the wide table scrolls sideways.
  const columns: Column<LogEntry>[] = [
    {
      header: 'Details',
      cell: (entry) => (
        <button type="button" className="button button-small" onClick={() => setSelected(entry)}>
          Details
        </button>
      ),
    },
    {
      header: 'Time',
      cell: (entry) => <span className="cell-wrap">{formatDate(entry.createdAt)}</span>,
    },
    { header: 'Type', cell: (entry) => entry.type },
    {
      header: 'Model',
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
      header: 'Tokens in/out',
      cell: (entry) =>
        `${formatCount(entry.promptTokens)} / ${formatCount(entry.completionTokens)}${entry.usageEstimated ? ' (est.)' : ''}`,
      numeric: true,
    },
    { header: 'Quota', cell: (entry) => formatCount(entry.quota), numeric: true },
    {
      header: 'Status',
      cell: (entry) =>
        entry.status === null ? (
          '—'
        ) : (
          <span className={`badge badge-${entry.status < 400 ? 'good' : 'bad'}`}>
            {entry.status}
          </span>
        ),
    },
    { header: 'Latency', cell: (entry) => formatMs(entry.elapsedMs), numeric: true },
    { header: 'Stream', cell: (entry) => (entry.isStream ? 'yes' : 'no') },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Logs</h1>
        {/* The applied filters, not the ones typed but not yet applied: what the table shows. */}
        <a className="button" href={toLogExportUrl(filters)} download>
          Export CSV
        </a>
      </div>
      <LogFiltersForm
        showUserId={isAdmin}
        onApply={(applied) => {
          setFilters(applied);
          setSelected(null);
          list.reload();
        }}
      />
      {selected && <LogDetail entry={selected} onClose={() => setSelected(null)} />}
      <section className="card card-dense">
        <DataTable
          label="Logs"
          state={list.state}
          columns={columns}
          rowKey={(entry) => entry.id}
          empty="No log entries match."
        />
        <LoadMore list={list} />
      </section>
    </>
  );
}
