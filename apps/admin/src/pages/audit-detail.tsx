import type { AuditEntry } from '../api/types';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';
import { changedFields } from '../lib/parse-audit-filters';

/** One audit entry: who, when, from where, and each field before and after (secrets masked). */
export function AuditDetail({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const t = useT();
  const rows = changedFields(entry.before, entry.after);
  const facts: [string, string][] = [
    [t('audit.time'), formatDate(entry.createdAt)],
    [t('audit.actor'), entry.actorName],
    [t('audit.action'), t(`auditAction.${entry.action}`)],
    [t('audit.entityType'), `${t(`auditEntity.${entry.entityType}`)} ${entry.entityId}`],
    [t('logDetail.clientIp'), entry.clientIp ?? '—'],
    [t('audit.userAgent'), entry.userAgent ?? '—'],
  ];
  return (
    <section className="card" aria-label={t('audit.detailRegion')}>
      <div className="page-head">
        <h2>{t('audit.detailTitle', { id: entry.id })}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className="cell-wrap">{value}</dd>
          </div>
        ))}
      </dl>
      {rows.length === 0 ? (
        <p className="empty">{t('audit.noChange')}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t('audit.details')}>
            <thead>
              <tr>
                <th>{t('audit.field')}</th>
                <th>{t('audit.before')}</th>
                <th>{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field}>
                  <td>
                    <code>{row.field}</code>
                  </td>
                  <td>
                    <span className="cell-wrap">{row.before}</span>
                  </td>
                  <td>
                    <span className="cell-wrap">{row.after}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
