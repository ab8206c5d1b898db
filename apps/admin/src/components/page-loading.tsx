import { useT } from '../i18n/use-t';

/** What shows while a page's code is fetched (pages are split out of the main bundle). */
export function PageLoading() {
  const t = useT();
  return (
    <p className="muted" role="status">
      {t('shell.pageLoading')}
    </p>
  );
}
