import type { GroupRatioRow } from '../api/price-types';
import { setGroupRatio } from '../api/prices-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { parseGroupRatioForm } from '../lib/parse-price-form';

interface GroupRatioFormProps {
  /** The group to edit, or null for a new group. */
  target: GroupRatioRow | null;
  onSaved: (row: GroupRatioRow) => void;
  onCancel: () => void;
}

/** Root: sets the ratio that multiplies every price for one group's users. */
export function GroupRatioForm({ target, onSaved, onCancel }: GroupRatioFormProps) {
  const { values, set, errors, banner, busy, onSubmit } = useForm({
    initial: { group: target?.group ?? '', ratio: target?.ratio?.toString() ?? '1' },
    fields: ['group', 'ratio'],
    parse: parseGroupRatioForm,
    send: ({ group, ratio }: { group: string; ratio: number }) => setGroupRatio(group, ratio),
    onSuccess: onSaved,
  });
  const title = target ? `Ratio of group ${target.group}` : 'New group ratio';

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {banner && <ErrorBanner error={banner} />}
      <div className="form-grid">
        {!target && (
          <FormField label="Group" error={errors.group}>
            <input value={values.group} onChange={(event) => set('group', event.target.value)} />
          </FormField>
        )}
        <FormField label="Ratio" error={errors.ratio} hint="1 = list price, 0.8 = 20% off">
          <input
            inputMode="decimal"
            value={values.ratio}
            onChange={(event) => set('ratio', event.target.value)}
          />
        </FormField>
      </div>
      <FormActions busy={busy} label="Save ratio" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
