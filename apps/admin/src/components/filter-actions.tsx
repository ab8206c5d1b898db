import { useT } from '../i18n/use-t';

/** A filter form's buttons: Apply (the form's submit) and Clear, which empties and applies it. */
export function FilterActions({ onClear }: { onClear: () => void }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="button button-primary">
        {t('common.applyFilters')}
      </button>
      <button type="button" className="button" onClick={onClear}>
        {t('common.clearFilters')}
      </button>
    </div>
  );
}
