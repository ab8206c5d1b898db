import { useEffect, useState } from 'react';
import type { CreatedCodeBatch } from '../api/redemption-codes-api';
import { CopyButton } from '../components/copy-button';
import { useT } from '../i18n/use-t';

/**
 * The new codes, shown this once (only their hashes are stored). The CSV is offered from a
 * Blob URL: a plain link, so nothing runs inline under the CSP's `script-src 'self'`.
 */
export function CreatedCodes({
  batch,
  name,
  onDismiss,
}: {
  batch: CreatedCodeBatch;
  name: string;
  onDismiss: () => void;
}) {
  const t = useT();
  const [csvUrl, setCsvUrl] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([batch.csv], { type: 'text/csv' }));
    setCsvUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [batch.csv]);
  const list = batch.codes.join('\n');
  const fileName = `${name.replace(/[^\w.-]+/g, '-') || 'recharge-codes'}.csv`;

  return (
    <section className="card created-key" aria-label={t('createdCodes.region')}>
      <h2>{t('createdCodes.title', { count: batch.codes.length, name })}</h2>
      <p className="banner banner-warning">{t('createdCodes.warning')}</p>
      <div className="snippet">
        <pre data-testid="created-codes">{list}</pre>
        <CopyButton text={list} />
      </div>
      <div className="actions">
        {csvUrl && (
          <a className="button" href={csvUrl} download={fileName}>
            {t('createdCodes.download')}
          </a>
        )}
        <button type="button" className="button" onClick={onDismiss}>
          {t('createdCodes.saved')}
        </button>
      </div>
    </section>
  );
}
