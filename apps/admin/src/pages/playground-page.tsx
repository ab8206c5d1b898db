import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { withPlaygroundKey } from '../api/playground-key';
import { listRelayModels } from '../api/relay-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatCount } from '../lib/format';
import { useSession } from '../session/session-context';
import { ChatTranscript } from './chat-transcript';
import { usePlaygroundChat } from './use-playground-chat';

/** Every user: chat with a model through one's own quota, to try it or a channel. */
export function PlaygroundPage() {
  const t = useT();
  const { user } = useSession();
  // The relay's list is what this user may call: the same answer an SDK would get.
  const models = useLoad(() => withPlaygroundKey(user.id, listRelayModels));
  const chat = usePlaygroundChat(user.id);
  const [picked, setPicked] = useState('');
  const [prompt, setPrompt] = useState('');
  const available = models.state.kind === 'ready' ? models.state.data : [];
  const model = available.includes(picked) ? picked : (available[0] ?? '');

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (prompt.trim() === '' || model === '' || chat.streaming) return;
    void chat.send(model, prompt);
    setPrompt('');
  };
  // Enter sends, Shift+Enter starts a new line (not while an IME is composing).
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <>
      <h1>{t('playground.title')}</h1>
      <p className="muted">{t('playground.intro')}</p>
      {models.state.kind === 'loading' && <p className="muted">{t('playground.loadingModels')}</p>}
      {models.state.kind === 'error' && <ErrorBanner error={models.state.error} />}
      {models.state.kind === 'ready' && available.length === 0 && (
        <p className="empty card">{t('playground.noModels')}</p>
      )}
      {available.length > 0 && (
        <>
          <section className="card chat-card">
            <ChatTranscript turns={chat.turns} streaming={chat.streaming} />
            {chat.stopped && <p className="muted">{t('playground.stopped')}</p>}
            {chat.usage && (
              <p className="muted" data-testid="chat-usage">
                {t('playground.usage', {
                  prompt: formatCount(chat.usage.promptTokens),
                  completion: formatCount(chat.usage.completionTokens),
                  total: formatCount(chat.usage.totalTokens),
                })}
              </p>
            )}
          </section>
          <form className="card form" onSubmit={submit} aria-label={t('playground.chat')}>
            <div className="form-grid">
              <FormField label={t('common.model')}>
                <select value={model} onChange={(event) => setPicked(event.target.value)}>
                  {available.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </FormField>
            </div>
            <FormField label={t('playground.message')} hint={t('playground.messageHint')}>
              <textarea
                rows={3}
                value={prompt}
                onChange={(event) => setPrompt(event.target.value)}
                onKeyDown={onKeyDown}
              />
            </FormField>
            <div className="actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={chat.streaming || prompt.trim() === ''}
              >
                {t('playground.send')}
              </button>
              {chat.streaming && (
                <button type="button" className="button" onClick={chat.stop}>
                  {t('playground.stop')}
                </button>
              )}
              {!chat.streaming && chat.turns.length > 0 && (
                <button type="button" className="button" onClick={chat.clear}>
                  {t('playground.newConversation')}
                </button>
              )}
            </div>
          </form>
        </>
      )}
    </>
  );
}
