import type { User } from '../api/types';
import { updateUser } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseUserEditForm, toUserEditInput } from '../lib/parse-user-forms';
import { useSession } from '../session/session-context';
import { LinkedSignIns } from './linked-sign-ins';
import { SecondFactorsReset } from './second-factors-reset';

const FIELDS = ['displayName', 'email', 'groupName', 'role', 'status', 'password'];

/**
 * Edits an account: name, email, group, role, status and a password reset. Only root is
 * offered roles; nobody is offered to change their own role or disable themselves (the
 * server refuses both with a 403 as well).
 */
export function UserEditForm({
  target,
  onSaved,
  onCancel,
}: {
  target: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { user } = useSession();
  const self = target.id === user.id;
  const form = useForm({
    initial: () => toUserEditInput(target),
    fields: FIELDS,
    parse: (input) => parseUserEditForm(target, input),
    send: (patch) => updateUser(target.id, patch),
    onSuccess: onSaved,
  });

  return (
    <form
      className="card form"
      onSubmit={form.onSubmit}
      noValidate
      aria-label={t('userEdit.title', { name: target.username })}
    >
      <h2>{t('userEdit.title', { name: target.username })}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        <FormField label={t('users.displayName')} bind={form.bind('displayName')}>
          <input />
        </FormField>
        <FormField
          label={t('userEdit.email')}
          bind={form.bind('email')}
          hint={
            // Whether the address is proved matters: only a verified one links SSO sign-ins.
            target.email === null
              ? t('common.optional')
              : target.emailVerifiedAt === null
                ? t('userEdit.emailUnverified')
                : t('userEdit.emailVerified')
          }
        >
          <input type="email" autoComplete="off" />
        </FormField>
        <FormField label={t('common.group')} bind={form.bind('groupName')}>
          <input />
        </FormField>
        {user.role === 'root' && (
          <FormField
            label={t('users.role')}
            bind={form.bind('role')}
            {...(self && { hint: t('userEdit.ownRole') })}
          >
            <select disabled={self}>
              <option value="user">{t('role.user')}</option>
              <option value="admin">{t('role.admin')}</option>
              <option value="root">{t('role.root')}</option>
            </select>
          </FormField>
        )}
        <FormField
          label={t('common.status')}
          bind={form.bind('status')}
          {...(self && { hint: t('userEdit.ownStatus') })}
        >
          <select disabled={self}>
            <option value="enabled">{t('status.enabled')}</option>
            <option value="disabled">{t('status.disabled')}</option>
          </select>
        </FormField>
        <FormField
          label={t('userEdit.newPassword')}
          bind={form.bind('password')}
          hint={t('userEdit.passwordHint')}
        >
          <input type="password" autoComplete="new-password" />
        </FormField>
      </div>
      <LinkedSignIns userId={target.id} />
      <SecondFactorsReset userId={target.id} />
      <FormActions
        busy={form.busy}
        label={t('userEdit.submit')}
        busyLabel={t('common.saving')}
        onCancel={onCancel}
      />
    </form>
  );
}
