import type { ModelPrice, ModelPriceRow } from '../api/price-types';
import { setModelPrice } from '../api/prices-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import {
  describePrice,
  fieldLabel,
  MODE_FIELDS,
  modeLabel,
  PRICING_MODES,
  TIER_FIELDS,
} from '../lib/model-price';
import {
  PRICE_FORM_FIELDS,
  parsePriceForm,
  TIER_THRESHOLD,
  tierInput,
  toPriceForm,
} from '../lib/parse-price-form';

interface PriceFormProps {
  /** The model to edit, or null to price a model the list does not have yet. */
  target: ModelPriceRow | null;
  onSaved: (row: ModelPriceRow) => void;
  onCancel: () => void;
}

/** Root: sets one model's price, in one of the three modes the ledger knows. */
export function PriceForm({ target, onSaved, onCancel }: PriceFormProps) {
  const t = useT();
  const form = useForm({
    initial: () => toPriceForm(target?.model ?? '', target?.price ?? null),
    fields: PRICE_FORM_FIELDS,
    parse: parsePriceForm,
    send: ({ model, price }: { model: string; price: ModelPrice }) => setModelPrice(model, price),
    onSuccess: onSaved,
  });
  const title = target ? t('priceForm.title', { model: target.model }) : t('priceForm.new');

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {target?.default && (
        <p className="muted">{t('priceForm.list', { price: describePrice(target.default) })}</p>
      )}
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        {!target && (
          <FormField
            label={t('common.model')}
            bind={form.bind('model')}
            hint={t('priceForm.modelHint')}
          >
            <input spellCheck={false} />
          </FormField>
        )}
        <FormField
          label={t('prices.billedBy')}
          bind={form.bind('mode')}
          hint={t('priceForm.modeHint')}
        >
          <select>
            {PRICING_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {modeLabel(mode)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="form-grid">
        {MODE_FIELDS[form.values.mode].map((field) => (
          <FormField key={field} label={fieldLabel(field)} bind={form.bind(field)}>
            <input inputMode="decimal" />
          </FormField>
        ))}
      </div>
      {form.values.mode === 'tokens' && (
        <fieldset className="fieldset">
          <legend>{t('priceForm.longContext')}</legend>
          <p className="muted">{t('priceForm.longContextHint')}</p>
          <div className="form-grid">
            <FormField label={t('priceForm.above')} bind={form.bind(TIER_THRESHOLD)}>
              <input inputMode="numeric" placeholder={t('priceForm.noTier')} />
            </FormField>
            {TIER_FIELDS.map((field) => (
              <FormField
                key={field}
                label={t('priceForm.tierField', { label: fieldLabel(field) })}
                bind={form.bind(tierInput(field))}
              >
                <input inputMode="decimal" placeholder={t('priceForm.sameAsModel')} />
              </FormField>
            ))}
          </div>
        </fieldset>
      )}
      <FormActions
        busy={form.busy}
        label={t('priceForm.save')}
        busyLabel={t('common.saving')}
        onCancel={onCancel}
      />
    </form>
  );
}
