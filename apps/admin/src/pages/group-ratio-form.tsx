import type { GroupRatioRow } from '../api/price-types';
import { setGroupRatio } from '../api/prices-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseGroupRatioForm } from '../lib/parse-price-form';

interface GroupRatioFormProps {
  /** The group to edit, or null for a new group. */
  target: GroupRatioRow | null;
  onSaved: (row: GroupRatioRow) => void;
  onCancel: () => void;
}

/** Root: sets the ratio that multiplies every price for one group's users. */
export function GroupRatioForm({ target, onSaved, onCancel }: GroupRatioFormProps) {
  const t = useT();
  const form = useForm({
    initial: { group: target?.group ?? '', ratio: target?.ratio?.toString() ?? '1' },
    fields: ['group', 'ratio'],
    parse: parseGroupRatioForm,
    send: ({ group, ratio }: { group: string; ratio: number }) => setGroupRatio(group, ratio),
    onSuccess: onSaved,
  });
  const title = target ? t('groupForm.title', { group: target.group }) : t('groupForm.new');

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        {!target && (
          <FormField label={t('common.group')} bind={form.bind('group')}>
            <input />
          </FormField>
        )}
        <FormField
          label={t('prices.ratio')}
          bind={form.bind('ratio')}
          hint={t('groupForm.ratioHint')}
        >
          <input inputMode="decimal" />
        </FormField>
      </div>
      <FormActions
        busy={form.busy}
        label={t('groupForm.save')}
        busyLabel={t('common.saving')}
        onCancel={onCancel}
      />
    </form>
  );
}
