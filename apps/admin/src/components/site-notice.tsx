import { useT } from '../i18n/use-t';

/**
 * Root's notice to every visitor. The gateway documents it as Markdown, but it is shown as
 * plain text with its line breaks kept: rendering it as HTML would let whoever can edit the
 * settings run markup on every visitor's page.
 */
export function SiteNotice({ notice }: { notice: string }) {
  const t = useT();
  if (notice.trim() === '') return null;
  return (
    <div className="site-notice" role="note" aria-label={t('common.notice')}>
      {notice}
    </div>
  );
}
