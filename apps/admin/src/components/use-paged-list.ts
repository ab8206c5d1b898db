import { useRef, useState } from 'react';
import type { Page } from '../api/types';
import { type Load, useLoad } from './use-load';

/**
 * A list read page by page with the gateway's keyset cursor: the first page on mount and on
 * `reload()`, the next one appended on `loadMore()`.
 */
export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const first = useLoad(() => fetchPage(null));
  const [more, setMore] = useState<Page<T> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  // A page that arrives after a reload belongs to the old list and is dropped.
  const generation = useRef(0);

  const firstPage = first.state.kind === 'ready' ? first.state.data : null;
  const state: Load<T[]> = firstPage
    ? { kind: 'ready', data: [...firstPage.items, ...(more?.items ?? [])] }
    : first.state.kind === 'error'
      ? first.state
      : { kind: 'loading' };
  const nextCursor = more ? more.nextCursor : (firstPage?.nextCursor ?? null);

  const loadMore = async () => {
    if (!nextCursor) return;
    const started = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPage(nextCursor);
      if (started !== generation.current) return;
      setMore((current) => ({
        items: [...(current?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (error) {
      if (started === generation.current) setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const reload = () => {
    generation.current += 1;
    setMore(null);
    setMoreError(null);
    first.reload();
  };

  return { state, nextCursor, loadMore, loadingMore, moreError, reload };
}
