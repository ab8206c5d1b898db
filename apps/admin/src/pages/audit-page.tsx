import { useState } from 'react';
import { type AuditFilters, listAuditEntries, toAuditExportUrl } from '../api/audit-api';
import type { AuditEntry } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { usePagedList } from '../components/use-paged-list';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';
import { AuditDetail } from './audit-detail';
import { AuditFiltersForm } from './audit-filters-form';

/** Who changed which channel, key, user, price, setting or code, newest first (admins). */
export function AuditPage() {
  const t = useT();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = usePagedList((cursor) => listAuditEntries(filters, cursor));
  const [selected, setSelected] = useState<AuditEntry | null>(null);

  const columns: Column<AuditEntry>[] = [
    {
      key: 'details',
      header: t('audit.details'),
      cell: (entry) => (
        <button type="button" className="button button-small" onClick={() => setSelected(entry)}>
          {t('audit.details')}
        </button>
      ),
    },
    {
      key: 'time',
      header: t('audit.time'),
      cell: (entry) => <span className="cell-wrap">{formatDate(entry.createdAt)}</span>,
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      cell: (entry) => <span className="cell-wrap">{entry.actorName}</span>,
    },
    { key: 'action', header: t('audit.action'), cell: (entry) => t(`auditAction.${entry.action}`) },
    {
      key: 'entity',
      header: t('audit.entityType'),
      cell: (entry) => (
        <span className="cell-wrap">
          {t(`auditEntity.${entry.entityType}`)} {entry.entityId}
        </span>
      ),
    },
    {
      key: 'client',
      header: t('audit.client'),
      cell: (entry) => <span className="cell-wrap">{entry.clientIp ?? '—'}</span>,
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
        {/* The applied filters: what the table shows. */}
        <a className="button" href={toAuditExportUrl(filters)} download>
          {t('common.exportCsv')}
        </a>
      </div>
      <AuditFiltersForm
        onApply={(applied) => {
          setFilters(applied);
          setSelected(null);
          list.reload();
        }}
      />
      {selected && <AuditDetail entry={selected} onClose={() => setSelected(null)} />}
      <section className="card card-dense">
        <DataTable
          label={t('audit.title')}
          state={list.state}
          columns={columns}
          rowKey={(entry) => entry.id}
          empty={t('audit.empty')}
        />
        <LoadMore list={list} />
      </section>
    </>
  );
}
