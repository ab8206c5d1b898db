/** The languages the dashboard speaks. */
export type Locale = 'en' | 'zh-CN';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** Each language's name in itself, for the switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
};

/** The tag Intl formats numbers and dates with (`en` alone would leave the region open). */
export const INTL_LOCALES: Readonly<Record<Locale, string>> = { en: 'en-US', 'zh-CN': 'zh-CN' };

const STORAGE_KEY = 'oneapi.locale';

const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/**
 * The saved choice if there is one, else the first browser language we speak (any `zh`
 * tag reads as simplified Chinese), else English.
 */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}

// Node (the unit tests) has neither localStorage nor, before v21, navigator.
function readStored(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

let current: Locale = pickLocale(readStored(), browserLanguages());
const listeners = new Set<() => void>();

export const getLocale = (): Locale => current;

/** Switches the language, remembers it in this browser and re-renders whoever listens. */
export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private windows may refuse storage: the choice then lasts until the tab closes.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
