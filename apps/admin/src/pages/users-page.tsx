import { useState } from 'react';
import { Link } from 'react-router';
import type { CreatedToken, User } from '../api/types';
import { deleteUser, listUsers } from '../api/users-api';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatCount } from '../lib/format';
import { usagePath } from '../lib/usage-path';
import { useSession } from '../session/session-context';
import { CreatedKey } from './created-key';
import { TokenForm } from './token-form';
import { TopUpForm } from './top-up-form';
import { UserEditForm } from './user-edit-form';
import { UserForm } from './user-form';

/** What the panel above the table shows: one form, or a key made for someone, at a time. */
type Panel =
  | { kind: 'none' }
  | { kind: 'new-user' }
  | { kind: 'edit'; user: User }
  | { kind: 'top-up'; user: User }
  | { kind: 'new-key'; user: User }
  | { kind: 'created-key'; user: User; token: CreatedToken };

/** Admin: accounts and their quota, and API keys made for them. */
export function UsersPage() {
  const t = useT();
  const session = useSession();
  const { state, reload } = useLoad(async () => (await listUsers()).items);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [actionError, setActionError] = useState<unknown>(null);
  const close = () => setPanel({ kind: 'none' });
  const remove = async (user: User) => {
    if (!window.confirm(t('users.deleteConfirm', { name: user.username }))) return;
    setActionError(null);
    try {
      await deleteUser(user.id);
      if ('user' in panel && panel.user.id === user.id) close();
      reload();
    } catch (error) {
      setActionError(error);
    }
  };
  // An admin may not manage root or other admins (nor make their keys); root may manage anyone.
  const canManage = (user: User) => session.user.role === 'root' || user.role === 'user';

  const columns: Column<User>[] = [
    {
      key: 'username',
      header: t('common.username'),
      cell: (user) => <span className="cell-strong">{user.username}</span>,
    },
    { key: 'name', header: t('common.name'), cell: (user) => user.displayName },
    { key: 'role', header: t('users.role'), cell: (user) => t(`role.${user.role}`) },
    {
      key: 'status',
      header: t('common.status'),
      cell: (user) => <StatusBadge status={user.status} />,
    },
    { key: 'group', header: t('common.group'), cell: (user) => user.groupName },
    {
      key: 'quota',
      header: t('common.quota'),
      cell: (user) => formatCount(user.quota),
      numeric: true,
    },
    {
      key: 'used',
      header: t('common.used'),
      cell: (user) => formatCount(user.usedQuota),
      numeric: true,
    },
    {
      key: 'requests',
      header: t('common.requests'),
      cell: (user) => formatCount(user.requestCount),
      numeric: true,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (user) => (
        <div className="row-actions row-actions-wrap">
          <Link
            className="button button-small"
            to={usagePath({ userId: user.id }, user.username)}
            aria-label={t('usage.ofUser', { name: user.username })}
          >
            {t('common.usage')}
          </Link>
          {canManage(user) && (
            <>
              <button
                type="button"
                className="button button-small"
                aria-label={t('users.edit', { name: user.username })}
                onClick={() => setPanel({ kind: 'edit', user })}
              >
                {t('common.edit')}
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setPanel({ kind: 'top-up', user })}
              >
                {t('users.topUp')}
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setPanel({ kind: 'new-key', user })}
              >
                {t('users.createKey')}
              </button>
              {user.id !== session.user.id && (
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-label={t('users.delete', { name: user.username })}
                  onClick={() => void remove(user)}
                >
                  {t('common.delete')}
                </button>
              )}
            </>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        {panel.kind !== 'new-user' && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setPanel({ kind: 'new-user' })}
          >
            {t('users.new')}
          </button>
        )}
      </div>
      {panel.kind === 'new-user' && (
        <UserForm
          onCreated={() => {
            close();
            reload();
          }}
          onCancel={close}
        />
      )}
      {panel.kind === 'edit' && (
        <UserEditForm
          key={panel.user.id}
          target={panel.user}
          onSaved={() => {
            close();
            reload();
            if (panel.user.id === session.user.id) void session.refresh();
          }}
          onCancel={close}
        />
      )}
      {panel.kind === 'top-up' && (
        <TopUpForm
          key={panel.user.id}
          target={panel.user}
          onDone={() => {
            close();
            reload();
            if (panel.user.id === session.user.id) void session.refresh();
          }}
          onCancel={close}
        />
      )}
      {panel.kind === 'new-key' && (
        <TokenForm
          key={panel.user.id}
          {...(panel.user.id !== session.user.id && { owner: panel.user })}
          onCreated={(token) => setPanel({ kind: 'created-key', user: panel.user, token })}
          onCancel={close}
        />
      )}
      {panel.kind === 'created-key' && (
        <CreatedKey
          token={panel.token}
          {...(panel.user.id !== session.user.id && { owner: panel.user.username })}
          onDismiss={close}
        />
      )}
      <ErrorBanner error={actionError} />
      <section className="card">
        <DataTable
          label={t('users.title')}
          state={state}
          columns={columns}
          rowKey={(user) => user.id}
          empty={t('users.empty')}
        />
      </section>
    </>
  );
}
