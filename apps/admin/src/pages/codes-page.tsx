import { useState } from 'react';
import {
  type CreatedCodeBatch,
  listRedemptionCodes,
  REDEMPTION_CODES_EXPORT_URL,
  setRedemptionCodesStatus,
} from '../api/redemption-codes-api';
import type { RedemptionCode } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { LoadMore } from '../components/load-more';
import { StatusBadge } from '../components/status-badge';
import { usePagedList } from '../components/use-paged-list';
import { useT } from '../i18n/use-t';
import { formatCount, formatDate } from '../lib/format';
import { CodeBatchForm } from './code-batch-form';
import { CreatedCodes } from './created-codes';

/** Admin: recharge codes users redeem for quota. */
export function CodesPage() {
  const t = useT();
  const list = usePagedList(listRedemptionCodes);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ batch: CreatedCodeBatch; name: string } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const setStatus = async (code: RedemptionCode, status: 'enabled' | 'disabled') => {
    setActionError(null);
    try {
      await setRedemptionCodesStatus([code.id], status);
      list.reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const columns: Column<RedemptionCode>[] = [
    {
      key: 'name',
      header: t('common.name'),
      cell: (code) => <span className="cell-strong">{code.name}</span>,
    },
    {
      key: 'quota',
      header: t('common.quota'),
      cell: (code) => formatCount(code.quota),
      numeric: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (code) => <StatusBadge status={code.status} />,
    },
    {
      key: 'expires',
      header: t('common.expires'),
      cell: (code) => (code.expiresAt === null ? t('common.never') : formatDate(code.expiresAt)),
    },
    {
      key: 'redeemedBy',
      header: t('codes.redeemedBy'),
      cell: (code) => code.redeemedBy ?? '—',
      numeric: true,
    },
    { key: 'redeemed', header: t('codes.redeemed'), cell: (code) => formatDate(code.redeemedAt) },
    { key: 'created', header: t('common.created'), cell: (code) => formatDate(code.createdAt) },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (code) =>
        code.status !== 'redeemed' && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setStatus(code, code.status === 'enabled' ? 'disabled' : 'enabled')}
          >
            {code.status === 'enabled' ? t('common.disable') : t('common.enable')}
          </button>
        ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('codes.title')}</h1>
        <div className="actions">
          {/* Names, quotas and states only: the codes themselves exist only at creation. */}
          <a className="button" href={REDEMPTION_CODES_EXPORT_URL} download>
            {t('common.exportCsv')}
          </a>
          {!creating && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              {t('codes.new')}
            </button>
          )}
        </div>
      </div>
      {creating && (
        <CodeBatchForm
          onCreated={(batch, name) => {
            setCreating(false);
            setCreated({ batch, name });
            list.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {created && (
        <CreatedCodes
          batch={created.batch}
          name={created.name}
          onDismiss={() => setCreated(null)}
        />
      )}
      <ErrorBanner error={actionError} />
      <section className="card">
        <DataTable
          label={t('codes.title')}
          state={list.state}
          columns={columns}
          rowKey={(code) => code.id}
          empty={t('codes.empty')}
        />
        <LoadMore list={list} />
      </section>
    </>
  );
}
