import type { ModelPrice, ModelPriceRow } from '../api/price-types';
import { setModelPrice } from '../api/prices-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import {
  describePrice,
  FIELD_LABELS,
  MODE_FIELDS,
  MODE_LABELS,
  type PricingMode,
} from '../lib/model-price';
import { PRICE_FORM_FIELDS, parsePriceForm, toPriceForm } from '../lib/parse-price-form';

interface PriceFormProps {
  /** The model to edit, or null to price a model the list does not have yet. */
  target: ModelPriceRow | null;
  onSaved: (row: ModelPriceRow) => void;
  onCancel: () => void;
}

/** Root: sets one model's price, in one of the three modes the ledger knows. */
export function PriceForm({ target, onSaved, onCancel }: PriceFormProps) {
  const { values, set, errors, banner, busy, onSubmit } = useForm({
    initial: () => toPriceForm(target?.model ?? '', target?.price ?? null),
    fields: PRICE_FORM_FIELDS,
    parse: parsePriceForm,
    send: ({ model, price }: { model: string; price: ModelPrice }) => setModelPrice(model, price),
    onSuccess: onSaved,
  });
  const title = target ? `Price of ${target.model}` : 'New model price';

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {target?.default && <p className="muted">List price: {describePrice(target.default)}</p>}
      {banner && <ErrorBanner error={banner} />}
      <div className="form-grid">
        {!target && (
          <FormField label="Model" error={errors.model} hint="As callers name it">
            <input
              value={values.model}
              onChange={(event) => set('model', event.target.value)}
              spellCheck={false}
            />
          </FormField>
        )}
        <FormField label="Billed by" hint="Only this mode's prices are saved">
          <select
            value={values.mode}
            onChange={(event) => set('mode', event.target.value as PricingMode)}
          >
            {(Object.keys(MODE_LABELS) as PricingMode[]).map((mode) => (
              <option key={mode} value={mode}>
                {MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="form-grid">
        {MODE_FIELDS[values.mode].map((field) => (
          <FormField key={field} label={FIELD_LABELS[field]} error={errors[field]}>
            <input
              inputMode="decimal"
              value={values[field]}
              onChange={(event) => set(field, event.target.value)}
            />
          </FormField>
        ))}
      </div>
      <FormActions busy={busy} label="Save price" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
