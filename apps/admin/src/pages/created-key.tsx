import type { CreatedToken } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { useT } from '../i18n/use-t';
import { curlSnippet, openAiPythonSnippet } from '../lib/snippets';

/** The new key, shown this once (only its hash is stored), with examples ready to paste. */
export function CreatedKey({
  token,
  owner,
  onDismiss,
}: {
  token: CreatedToken;
  /** The user the key was made for, when not oneself: hand it to them. */
  owner?: string;
  onDismiss: () => void;
}) {
  const t = useT();
  const origin = window.location.origin;
  const model = token.allowedModels?.[0] ?? 'gpt-4o-mini';
  const curl = curlSnippet(origin, token.key, model);
  const python = openAiPythonSnippet(origin, token.key, model);
  return (
    <section className="card created-key" aria-label={t('createdKey.region')}>
      <h2>
        {owner
          ? t('createdKey.for', { name: token.name, owner })
          : t('createdKey.yours', { name: token.name })}
      </h2>
      <p className="banner banner-warning">{t('createdKey.warning')}</p>
      <div className="key-line">
        <code data-testid="created-key">{token.key}</code>
        <CopyButton text={token.key} />
      </div>
      <h3>curl</h3>
      <div className="snippet">
        <pre>{curl}</pre>
        <CopyButton text={curl} />
      </div>
      <h3>{t('createdKey.python')}</h3>
      <div className="snippet">
        <pre>{python}</pre>
        <CopyButton text={python} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onDismiss}>
          {t('createdKey.saved')}
        </button>
      </div>
    </section>
  );
}
