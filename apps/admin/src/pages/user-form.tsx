import type { User } from '../api/types';
import { createUser } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
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
  const t = useT();
  const { user } = useSession();
  const form = useForm({
    initial: EMPTY_USER_FORM,
    fields: FIELDS,
    parse: parseUserForm,
    send: createUser,
    onSuccess: onCreated,
  });

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={t('users.new')}>
      <h2>{t('users.new')}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        <FormField
          label={t('common.username')}
          bind={form.bind('username')}
          hint={t('common.usernameHint')}
        >
          <input autoComplete="off" />
        </FormField>
        <FormField
          label={t('common.password')}
          bind={form.bind('password')}
          hint={t('common.passwordHint')}
        >
          <input type="password" autoComplete="new-password" />
        </FormField>
        <FormField
          label={t('users.displayName')}
          bind={form.bind('displayName')}
          hint={t('common.optional')}
        >
          <input />
        </FormField>
        {user.role === 'root' && (
          <FormField label={t('users.role')} bind={form.bind('role')}>
            <select>
              <option value="user">{t('role.user')}</option>
              <option value="admin">{t('role.admin')}</option>
            </select>
          </FormField>
        )}
      </div>
      <FormActions
        busy={form.busy}
        label={t('userForm.submit')}
        busyLabel={t('common.creating')}
        onCancel={onCancel}
      />
    </form>
  );
}
