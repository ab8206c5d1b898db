import type { User } from '../api/types';
import { createUser } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { EMPTY_USER_FORM, parseUserForm } from '../lib/parse-user-forms';
import { useSession } from '../session/session-context';

const FIELDS = ['username', 'password', 'displayName', 'role'];

/** Creates an account; only root may create admins, so only root is offered the choice. */
export function UserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: User) => void;
  onCancel: () => void;
}) {
  const { user } = useSession();
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: EMPTY_USER_FORM,
    fields: FIELDS,
    parse: parseUserForm,
    send: createUser,
    onSuccess: onCreated,
  });

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="New user">
      <h2>New user</h2>
      {banner && <ErrorBanner error={banner} />}
      <div className="form-grid">
        <FormField label="Username" error={errors.username} hint="3-64 letters, digits, _ . -">
          <input
            value={input.username}
            onChange={(event) => set('username', event.target.value)}
            autoComplete="off"
          />
        </FormField>
        <FormField label="Password" error={errors.password} hint="At least 8 characters">
          <input
            type="password"
            value={input.password}
            onChange={(event) => set('password', event.target.value)}
            autoComplete="new-password"
          />
        </FormField>
        <FormField label="Display name" error={errors.displayName} hint="Optional">
          <input
            value={input.displayName}
            onChange={(event) => set('displayName', event.target.value)}
          />
        </FormField>
        {user.role === 'root' && (
          <FormField label="Role" error={errors.role}>
            <select
              value={input.role}
              onChange={(event) => set('role', event.target.value === 'admin' ? 'admin' : 'user')}
            >
              <option value="user">user</option>
              <option value="admin">admin</option>
            </select>
          </FormField>
        )}
      </div>
      <FormActions busy={busy} label="Create user" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
