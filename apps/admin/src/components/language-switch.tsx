import { LOCALE_NAMES, LOCALES, type Locale } from '../i18n/locale-store';
import { switchLocale } from '../i18n/t';
import { useLocale, useT } from '../i18n/use-t';

/** The language picker; the choice is kept in this browser (see i18n/locale-store.ts). */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  return (
    <select
      className="language-switch"
      aria-label={t('shell.language')}
      value={locale}
      onChange={(event) => void switchLocale(event.target.value as Locale)}
    >
      {LOCALES.map((value) => (
        <option key={value} value={value} lang={value}>
          {LOCALE_NAMES[value]}
        </option>
      ))}
    </select>
  );
}
