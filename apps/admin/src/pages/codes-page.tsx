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
import { formatCount, formatDate } from '../lib/format';
import { CodeBatchForm } from './code-batch-form';
import { CreatedCodes } from './created-codes';

/** Admin: recharge codes users redeem for quota. */
export function CodesPage() {
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
    { header: 'Name', cell: (code) => <span className="cell-strong">{code.name}</span> },
    { header: 'Quota', cell: (code) => formatCount(code.quota), numeric: true },
    { header: 'Status', cell: (code) => <StatusBadge status={code.status} /> },
    {
      header: 'Expires',
      cell: (code) => (code.expiresAt === null ? 'never' : formatDate(code.expiresAt)),
    },
    { header: 'Redeemed by', cell: (code) => code.redeemedBy ?? '—', numeric: true },
    { header: 'Redeemed', cell: (code) => formatDate(code.redeemedAt) },
    { header: 'Created', cell: (code) => formatDate(code.createdAt) },
    {
      header: 'Actions',
      cell: (code) =>
        code.status !== 'redeemed' && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setStatus(code, code.status === 'enabled' ? 'disabled' : 'enabled')}
          >
            {code.status === 'enabled' ? 'Disable' : 'Enable'}
          </button>
        ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Recharge codes</h1>
        <div className="actions">
          {/* Names, quotas and states only: the codes themselves exist only at creation. */}
          <a className="button" href={REDEMPTION_CODES_EXPORT_URL} download>
            Export CSV
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
              New codes
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
          label="Recharge codes"
          state={list.state}
          columns={columns}
          rowKey={(code) => code.id}
          empty="No recharge codes yet."
        />
        <LoadMore list={list} />
      </section>
    </>
  );
}
