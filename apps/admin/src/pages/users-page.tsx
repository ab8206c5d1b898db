import { useState } from 'react';
import type { User } from '../api/types';
import { listUsers } from '../api/users-api';
import { type Column, DataTable } from '../components/data-table';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { formatCount } from '../lib/format';
import { useSession } from '../session/session-context';
import { TopUpForm } from './top-up-form';
import { UserForm } from './user-form';

/** Admin: accounts and their quota. */
export function UsersPage() {
  const session = useSession();
  const { state, reload } = useLoad(async () => (await listUsers()).items);
  const [creating, setCreating] = useState(false);
  const [toppingUp, setToppingUp] = useState<User | null>(null);
  // An admin may not manage root or other admins; root may manage anyone.
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
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setCreating(false);
              setToppingUp(user);
            }}
          >
            Top up
          </button>
        ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
        {!creating && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setToppingUp(null);
              setCreating(true);
            }}
          >
            New user
          </button>
        )}
      </div>
      {creating && (
        <UserForm
          onCreated={() => {
            setCreating(false);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {toppingUp && (
        <TopUpForm
          key={toppingUp.id}
          target={toppingUp}
          onDone={() => {
            setToppingUp(null);
            reload();
            if (toppingUp.id === session.user.id) void session.refreshUser();
          }}
          onCancel={() => setToppingUp(null)}
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
