import type { LogFilters } from '../api/logs-api';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { EMPTY_LOG_FILTERS, LOG_TYPES, parseLogFilters } from '../lib/parse-log-filters';

/** The filter bar above the log; applying it reloads the list from the first page. */
export function LogFiltersForm({
  showUserId,
  onApply,
}: {
  showUserId: boolean;
  onApply: (filters: LogFilters) => void;
}) {
  const {
    values: input,
    set,
    reset,
    errors,
    onSubmit,
  } = useForm({
    initial: EMPTY_LOG_FILTERS,
    fields: [],
    parse: parseLogFilters,
    // Nothing to send: the list itself fetches with the applied filters.
    send: async (filters: LogFilters) => filters,
    onSuccess: onApply,
  });

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Log filters">
      <div className="form-grid">
        <FormField label="Type" error={errors.type}>
          <select value={input.type} onChange={(event) => set('type', event.target.value)}>
            <option value="">any</option>
            {LOG_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Model" error={errors.model}>
          <input
            value={input.model}
            onChange={(event) => set('model', event.target.value)}
            spellCheck={false}
          />
        </FormField>
        <FormField label="Status" error={errors.status} hint="HTTP status, e.g. 429">
          <input
            inputMode="numeric"
            value={input.status}
            onChange={(event) => set('status', event.target.value)}
          />
        </FormField>
        {showUserId && (
          <FormField label="User id" error={errors.userId} hint="Empty for everyone">
            <input
              inputMode="numeric"
              value={input.userId}
              onChange={(event) => set('userId', event.target.value)}
            />
          </FormField>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            reset();
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
