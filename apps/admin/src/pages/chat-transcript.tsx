import { ApiError } from '../api/api-error';
import { ErrorBanner } from '../components/error-banner';
import { useT } from '../i18n/use-t';
import { useSession } from '../session/session-context';
import type { ChatTurn } from './use-playground-chat';

interface ChatTranscriptProps {
  turns: readonly ChatTurn[];
  streaming: boolean;
}

const isQuotaRefusal = (failure: unknown) =>
  failure instanceof ApiError && failure.status === 403 && failure.code === 'insufficient_quota';

/**
 * The conversation so far. Model output is untrusted: it is rendered as text (React escapes
 * it), never as HTML or Markdown, with its line breaks kept by CSS. Each reply is labelled
 * with the model that wrote it, and a failed reply shows its error in its place.
 */
export function ChatTranscript({ turns, streaming }: ChatTranscriptProps) {
  const t = useT();
  const { isAdmin } = useSession();
  if (turns.length === 0) return <p className="empty">{t('playground.empty')}</p>;
  return (
    <div
      className="chat-log"
      role="log"
      aria-label={t('playground.conversation')}
      aria-busy={streaming}
    >
      {turns.map((turn, index) => {
        const live = index === turns.length - 1 && streaming;
        const failed = turn.failure !== undefined;
        return (
          <article
            key={turn.id}
            className={`chat-turn chat-${turn.role}${failed ? ' chat-failed' : ''}`}
          >
            <h3 className="chat-role">
              {turn.role === 'user' ? t('playground.you') : (turn.model ?? '')}
            </h3>
            {(turn.role === 'user' || turn.content !== '' || !failed) && (
              <p
                className="chat-text"
                {...(turn.role === 'assistant' && { 'data-testid': 'assistant-reply' })}
              >
                {turn.content}
                {turn.role === 'assistant' && live && (
                  <span className="chat-cursor" aria-hidden="true">
                    ▍
                  </span>
                )}
                {turn.role === 'assistant' && turn.content === '' && !live && (
                  <span className="muted">{t('playground.noText')}</span>
                )}
              </p>
            )}
            {failed && <ErrorBanner error={turn.failure} />}
            {isQuotaRefusal(turn.failure) && (
              <p className="muted" data-testid="quota-hint">
                {isAdmin ? t('playground.noQuotaAdmin') : t('playground.noQuotaUser')}
              </p>
            )}
          </article>
        );
      })}
    </div>
  );
}
