import type { CreatedToken } from '../api/types';
import { CopyButton } from '../components/copy-button';
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
  const origin = window.location.origin;
  const model = token.allowedModels?.[0] ?? 'gpt-4o-mini';
  const curl = curlSnippet(origin, token.key, model);
  const python = openAiPythonSnippet(origin, token.key, model);
  return (
    <section className="card created-key" aria-label="New key">
      <h2>{owner ? `New key “${token.name}” for ${owner}` : `Your new key “${token.name}”`}</h2>
      <p className="banner banner-warning">
        Copy it now: it is shown only this once and cannot be recovered.
      </p>
      <div className="key-line">
        <code data-testid="created-key">{token.key}</code>
        <CopyButton text={token.key} />
      </div>
      <h3>curl</h3>
      <div className="snippet">
        <pre>{curl}</pre>
        <CopyButton text={curl} />
      </div>
      <h3>OpenAI Python SDK</h3>
      <div className="snippet">
        <pre>{python}</pre>
        <CopyButton text={python} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onDismiss}>
          I have saved it
        </button>
      </div>
    </section>
  );
}
