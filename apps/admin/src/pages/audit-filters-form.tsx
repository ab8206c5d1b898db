import type { AuditFilters } from '../api/audit-api';
import { FilterActions } from '../components/filter-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  EMPTY_AUDIT_FILTERS,
  parseAuditFilters,
} from '../lib/parse-audit-filters';

/** The filter bar above the audit log; applying it reloads the list from the first page. */
export function AuditFiltersForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const t = useT();
  const form = useForm({
    initial: EMPTY_AUDIT_FILTERS,
    fields: ['actor', 'entityId', 'fromDate', 'toDate'],
    parse: parseAuditFilters,
    // Nothing to send: the list itself fetches with the applied filters.
    send: async (filters: AuditFilters) => filters,
    onSuccess: onApply,
  });

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={t('audit.filters')}>
      <div className="form-grid">
        <FormField label={t('audit.actor')} bind={form.bind('actor')} hint={t('audit.actorHint')}>
          <input autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label={t('audit.entityType')} bind={form.bind('entityType')}>
          <select>
            <option value="">{t('audit.any')}</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`auditEntity.${type}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label={t('audit.entityId')}
          bind={form.bind('entityId')}
          hint={t('audit.entityIdHint')}
        >
          <input autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label={t('audit.action')} bind={form.bind('action')}>
          <select>
            <option value="">{t('audit.any')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`auditAction.${action}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('audit.from')} bind={form.bind('fromDate')}>
          <input type="date" />
        </FormField>
        <FormField label={t('audit.to')} bind={form.bind('toDate')}>
          <input type="date" />
        </FormField>
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
