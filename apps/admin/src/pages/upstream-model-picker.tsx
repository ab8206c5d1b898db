import { useState } from 'react';
import { listUpstreamModels } from '../api/channels-api';
import { ErrorBanner } from '../components/error-banner';
import { useT } from '../i18n/use-t';
import { addModels, filterNames, toggleModel } from '../lib/model-list';
import { splitList } from '../lib/validation';

type Fetch =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; models: string[] };

interface UpstreamModelPickerProps {
  channelId: number;
  /** The models field as typed; picks are written back into it. */
  field: string;
  onChange: (field: string) => void;
  /** Told the upstream's list once fetched (the model mapping offers it). */
  onFetched?: (models: string[]) => void;
}

/** "Fetch models": the upstream's own list, to tick models into the channel's models field. */
export function UpstreamModelPicker({
  channelId,
  field,
  onChange,
  onFetched,
}: UpstreamModelPickerProps) {
  const t = useT();
  const [fetched, setFetched] = useState<Fetch>({ kind: 'idle' });
  const [query, setQuery] = useState('');
  const fetchModels = async () => {
    setFetched({ kind: 'loading' });
    try {
      const models = await listUpstreamModels(channelId);
      setFetched({ kind: 'ready', models });
      onFetched?.(models);
    } catch (error) {
      setFetched({ kind: 'error', error });
    }
  };
  const chosen = new Set(splitList(field));
  const shown = fetched.kind === 'ready' ? filterNames(fetched.models, query) : [];

  return (
    <div className="model-picker">
      <div className="actions">
        <button
          type="button"
          className="button button-small"
          disabled={fetched.kind === 'loading'}
          onClick={() => void fetchModels()}
        >
          {fetched.kind === 'loading' ? t('picker.fetching') : t('picker.fetch')}
        </button>
        {fetched.kind === 'ready' && shown.length > 0 && (
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(addModels(field, shown))}
          >
            {t('picker.addAll', {
              count: shown.length,
              all: shown.length === fetched.models.length,
            })}
          </button>
        )}
      </div>
      {fetched.kind === 'error' && <ErrorBanner error={fetched.error} />}
      {fetched.kind === 'ready' && fetched.models.length === 0 && (
        <p className="muted">{t('picker.none')}</p>
      )}
      {fetched.kind === 'ready' && fetched.models.length > 0 && (
        <fieldset className="model-picker-list">
          <legend>{t('picker.legend', { count: fetched.models.length })}</legend>
          <input
            type="search"
            aria-label={t('picker.filterLabel')}
            placeholder={t('picker.filter')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {shown.length === 0 && <p className="muted">{t('picker.noMatch')}</p>}
          {shown.map((model) => (
            <label key={model} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(model)}
                onChange={(event) => onChange(toggleModel(field, model, event.target.checked))}
              />
              <code>{model}</code>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
