import { useState } from 'react';
import { deleteToken, listTokens, setTokenStatus } from '../api/tokens-api';
import type { CreatedToken, Token } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { formatCount, formatDate } from '../lib/format';
import { useSession } from '../session/session-context';
import { CreatedKey } from './created-key';
import { TokenForm } from './token-form';

/** The signed-in user's API keys. */
export function TokensPage() {
  const { user } = useSession();
  const { state, reload } = useLoad(async () => (await listTokens(user.id)).items);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const columns: Column<Token>[] = [
    { header: 'Name', cell: (token) => <span className="cell-strong">{token.name}</span> },
    { header: 'Key', cell: (token) => <code>{token.keyPrefix}…</code> },
    { header: 'Status', cell: (token) => <StatusBadge status={token.status} /> },
    {
      header: 'Quota left',
      cell: (token) => (token.unlimitedQuota ? 'unlimited' : formatCount(token.remainQuota)),
      numeric: true,
    },
    { header: 'Used', cell: (token) => formatCount(token.usedQuota), numeric: true },
    { header: 'Models', cell: (token) => token.allowedModels?.join(', ') ?? 'all' },
    {
      header: 'Expires',
      cell: (token) => (token.expiresAt === null ? 'never' : formatDate(token.expiresAt)),
    },
    {
      header: 'Actions',
      cell: (token) => (
        <div className="row-actions">
          {(token.status === 'enabled' || token.status === 'disabled') && (
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                act(() =>
                  setTokenStatus(token.id, token.status === 'enabled' ? 'disabled' : 'enabled'),
                )
              }
            >
              {token.status === 'enabled' ? 'Disable' : 'Enable'}
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => {
              if (
                window.confirm(
                  `Delete the key "${token.name}"? Clients using it will stop working.`,
                )
              )
                void act(() => deleteToken(token.id));
            }}
          >
            Delete
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
        {!creating && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            New key
          </button>
        )}
      </div>
      {creating && (
        <TokenForm
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {created && <CreatedKey token={created} onDismiss={() => setCreated(null)} />}
      <ErrorBanner error={actionError} />
      <section className="card">
        <DataTable
          label="API keys"
          state={state}
          columns={columns}
          rowKey={(token) => token.id}
          empty="No API keys yet. Create one to call the gateway."
        />
      </section>
    </>
  );
}
