import { useState } from 'react';
import { Link } from 'react-router';
import { deleteToken, listTokens, setTokenStatus } from '../api/tokens-api';
import type { CreatedToken, Token } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatCount, formatDate } from '../lib/format';
import { usagePath } from '../lib/usage-path';
import { useSession } from '../session/session-context';
import { CreatedKey } from './created-key';
import { TokenEditForm, TokenForm } from './token-form';

/** The signed-in user's API keys. */
export function TokensPage() {
  const t = useT();
  const { user } = useSession();
  const { state, reload } = useLoad(async () => (await listTokens(user.id)).items);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Token | null>(null);
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
    {
      key: 'name',
      header: t('common.name'),
      cell: (token) => <span className="cell-strong">{token.name}</span>,
    },
    { key: 'key', header: t('tokens.key'), cell: (token) => <code>{token.keyPrefix}…</code> },
    {
      key: 'status',
      header: t('common.status'),
      cell: (token) => <StatusBadge status={token.status} />,
    },
    {
      key: 'left',
      header: t('tokens.quotaLeft'),
      cell: (token) =>
        token.unlimitedQuota ? t('tokens.unlimited') : formatCount(token.remainQuota),
      numeric: true,
    },
    {
      key: 'used',
      header: t('common.used'),
      cell: (token) => formatCount(token.usedQuota),
      numeric: true,
    },
    {
      key: 'models',
      header: t('common.models'),
      cell: (token) => token.allowedModels?.join(', ') ?? t('tokens.allModels'),
    },
    {
      key: 'expires',
      header: t('common.expires'),
      cell: (token) => (token.expiresAt === null ? t('common.never') : formatDate(token.expiresAt)),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (token) => (
        <div className="row-actions row-actions-wrap">
          <Link
            className="button button-small"
            to={usagePath({ tokenId: token.id }, token.name)}
            aria-label={t('tokens.usageOf', { name: token.name })}
          >
            {t('common.usage')}
          </Link>
          <button
            type="button"
            className="button button-small"
            aria-label={t('tokens.edit', { name: token.name })}
            onClick={() => {
              setCreating(false);
              setEditing(token);
            }}
          >
            {t('common.edit')}
          </button>
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
              {token.status === 'enabled' ? t('common.disable') : t('common.enable')}
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => {
              if (window.confirm(t('tokens.deleteConfirm', { name: token.name })))
                void act(() => deleteToken(token.id));
            }}
          >
            {t('common.delete')}
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('tokens.title')}</h1>
        {!creating && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreated(null);
              setEditing(null);
              setCreating(true);
            }}
          >
            {t('tokens.new')}
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
      {editing && (
        <TokenEditForm
          key={editing.id}
          token={editing}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {created && <CreatedKey token={created} onDismiss={() => setCreated(null)} />}
      <ErrorBanner error={actionError} />
      <section className="card">
        <DataTable
          label={t('tokens.title')}
          state={state}
          columns={columns}
          rowKey={(token) => token.id}
          empty={t('tokens.empty')}
        />
      </section>
    </>
  );
}
