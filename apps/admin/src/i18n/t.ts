import { getLocale, type Locale, setLocale } from './locale-store';
import { en, type Messages } from './messages-en';

// English ships in the main bundle (it is the default and the fallback); other languages
// are fetched the first time they are chosen, so an English visitor downloads no Chinese.
const catalogues: Partial<Record<Locale, Messages>> = { en };
const loaders: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<Messages>>> = {
  'zh-CN': async () => (await import('./messages-zh-cn')).zhCN,
};

export type MessageKey = keyof Messages;

/** A message's parameters: none for a plain string, the function's one argument otherwise. */
type Params<K extends MessageKey> = Messages[K] extends (params: infer P) => string
  ? [params: P]
  : [];

/** The message in the chosen language, e.g. `t('nav.overview')`, `t('tokens.count', { count })`. */
export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  return render((catalogues[getLocale()] ?? en)[key], params[0]);
}

/** The same message in a given language, once its catalogue is loaded (tests, checks). */
export function translate<K extends MessageKey>(
  locale: Locale,
  key: K,
  ...params: Params<K>
): string {
  return render(catalogueOf(locale)[key], params[0]);
}

function render(message: string | ((params: never) => string), params: unknown): string {
  return typeof message === 'function' ? (message as (params: unknown) => string)(params) : message;
}

/** A loaded catalogue; throws for one not fetched yet (see loadCatalogue). */
export function catalogueOf(locale: Locale): Messages {
  const catalogue = catalogues[locale];
  if (!catalogue) throw new Error(`the ${locale} messages are not loaded`);
  return catalogue;
}

/** Fetches a language's messages once; English is always there. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale] || locale === 'en') return;
  catalogues[locale] = await loaders[locale]();
}

/** Switches the language once its messages are here, so no half-translated page shows. */
export async function switchLocale(locale: Locale): Promise<void> {
  await loadCatalogue(locale);
  setLocale(locale);
}
