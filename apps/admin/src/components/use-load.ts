import { useCallback, useEffect, useState } from 'react';

/** What a page shows while it fetches: a spinner, the error, or the data. */
export type Load<T> =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; data: T };

/** Runs `load` on mount and on `reload()`; a late answer from an unmounted page is dropped. */
export function useLoad<T>(load: () => Promise<T>): { state: Load<T>; reload: () => void } {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a fresh closure each render; `generation` is the trigger.
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ kind: 'ready', data }),
      (error: unknown) => current && setState({ kind: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
