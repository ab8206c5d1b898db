import { useSyncExternalStore } from 'react';
import { getLocale, type Locale, subscribeLocale } from './locale-store';
import { t } from './t';

/**
 * `t`, in a component that re-renders when the language changes. Every component that
 * shows text calls it, so a switch redraws the page without remounting it (forms keep
 * what was typed).
 */
export function useT(): typeof t {
  useSyncExternalStore(subscribeLocale, getLocale);
  return t;
}

/** The chosen language, for the switch and for Intl. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale);
}
