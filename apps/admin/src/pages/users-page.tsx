import { useState } from 'react';
import type { CreatedToken, User } from '../api/types';
import { listUsers } from '../api/users-api';
import { type Column, DataTable } from '../components/data-table';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { formatCount } from '../lib/format';
import { useSession } from '../session/session-context';
import { CreatedKey } from './created-key';
import { TokenForm } from './token-form';
import { TopUpForm } from './top-up-form';
import { UserForm } from './user-form';

/** What the panel above the table shows: one form, or a key made for someone, at a time. */
type Panel =
  | { kind: 'none' }
  | { kind: 'new-user' }
  | { kind: 'top-up'; user: User }
  | { kind: 'new-key'; user: User }
  | { kind: 'created-key'; user: User; token: CreatedToken };

/** Admin: accounts and their quota, and API keys made for them. */
export function UsersPage() {
  const session = useSession();
  const { state, reload } = useLoad(async () => (await listUsers()).items);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const close = () => setPanel({ kind: 'none' });
  // An admin may not manage root or other admins (nor make their keys); root may manage anyone.
  const canManage = (user: User) => session.user.role === 'root' || user.role === 'user';

  const columns: Column<User>[] = [
    { header: 'Username', cell: (user) => <span className="cell-strong">{user.username}</span> },
    { header: 'Name', cell: (user) => user.displayName },
    { header: 'Role', cell: (user) => user.role },
    { header: 'Status', cell: (user) => <StatusBadge status={user.status} /> },
    { header: 'Group', cell: (user) => user.groupName },
    { header: 'Quota', cell: (user) => formatCount(user.quota), numeric: true },
    { header: 'Used', cell: (user) => formatCount(user.usedQuota), numeric: true },
    { header: 'Requests', cell: (user) => formatCount(user.requestCount), numeric: true },
    {
      header: 'Actions',
      cell: (user) =>
        canManage(user) && (
          <div className="row-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => setPanel({ kind: 'top-up', user })}
            >
              Top up
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => setPanel({ kind: 'new-key', user })}
            >
              Create API key
            </button>
          </div>
        ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
        {panel.kind !== 'new-user' && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setPanel({ kind: 'new-user' })}
          >
            New user
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
      <section className="card">
        <DataTable
          label="Users"
          state={state}
          columns={columns}
          rowKey={(user) => user.id}
          empty="No users yet."
        />
      </section>
    </>
  );
}
