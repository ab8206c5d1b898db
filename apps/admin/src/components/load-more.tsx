import { useT } from '../i18n/use-t';
import { ErrorBanner } from './error-banner';

interface LoadMoreProps {
  readonly list: {
    readonly nextCursor: string | null;
    readonly loadingMore: boolean;
    readonly moreError: unknown;
    loadMore(): Promise<void>;
  };
}

/** The foot of a paged table: the next page's error, and a button while more pages exist. */
export function LoadMore({ list }: LoadMoreProps) {
  const t = useT();
  return (
    <>
      <ErrorBanner error={list.moreError} />
      {list.nextCursor && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={list.loadingMore}
            onClick={() => void list.loadMore()}
          >
            {list.loadingMore ? t('common.loading') : t('common.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
