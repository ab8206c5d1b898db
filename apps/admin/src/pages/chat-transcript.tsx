import { useT } from '../i18n/use-t';
import type { ChatTurn } from './use-playground-chat';

interface ChatTranscriptProps {
  turns: readonly ChatTurn[];
  model: string;
  streaming: boolean;
}

/**
 * The conversation so far. Model output is untrusted: it is rendered as text (React escapes
 * it), never as HTML or Markdown, with its line breaks kept by CSS.
 */
export function ChatTranscript({ turns, model, streaming }: ChatTranscriptProps) {
  const t = useT();
  if (turns.length === 0) return <p className="empty">{t('playground.empty')}</p>;
  return (
    <div
      className="chat-log"
      role="log"
      aria-label={t('playground.conversation')}
      aria-busy={streaming}
    >
      {turns.map((turn, index) => {
        const last = index === turns.length - 1;
        return (
          <article key={turn.id} className={`chat-turn chat-${turn.role}`}>
            <h3 className="chat-role">{turn.role === 'user' ? t('playground.you') : model}</h3>
            <p
              className="chat-text"
              {...(turn.role === 'assistant' && { 'data-testid': 'assistant-reply' })}
            >
              {turn.content}
              {turn.role === 'assistant' && last && streaming && (
                <span className="chat-cursor" aria-hidden="true">
                  ▍
                </span>
              )}
              {turn.role === 'assistant' && turn.content === '' && !(last && streaming) && (
                <span className="muted">{t('playground.noText')}</span>
              )}
            </p>
          </article>
        );
      })}
    </div>
  );
}
