import type { LogFilters } from '../api/logs-api';
import { FilterActions } from '../components/filter-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { EMPTY_LOG_FILTERS, LOG_TYPES, parseLogFilters } from '../lib/parse-log-filters';

/** The filter bar above the log; applying it reloads the list from the first page. */
export function LogFiltersForm({
  showUser,
  onApply,
}: {
  showUser: boolean;
  onApply: (filters: LogFilters) => void;
}) {
  const t = useT();
  const form = useForm({
    initial: EMPTY_LOG_FILTERS,
    fields: ['username'],
    parse: parseLogFilters,
    // Nothing to send: the list itself fetches with the applied filters.
    send: async (filters: LogFilters) => filters,
    onSuccess: onApply,
  });

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={t('logs.filters')}>
      <div className="form-grid">
        <FormField label={t('common.type')} bind={form.bind('type')}>
          <select>
            <option value="">{t('logs.any')}</option>
            {LOG_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`logType.${type}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('common.model')} bind={form.bind('model')}>
          <input spellCheck={false} />
        </FormField>
        <FormField
          label={t('common.status')}
          bind={form.bind('status')}
          hint={t('logs.statusHint')}
        >
          <input inputMode="numeric" />
        </FormField>
        {showUser && (
          <FormField label={t('logs.user')} bind={form.bind('username')} hint={t('logs.userHint')}>
            <input autoComplete="off" spellCheck={false} />
          </FormField>
        )}
      </div>
      <FilterActions
        onClear={() => {
          form.reset();
          onApply({});
        }}
      />
    </form>
  );
}
