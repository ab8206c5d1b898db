import { Link, useSearchParams } from 'react-router';
import type { UsageFilter } from '../api/usage-api';
import { useT } from '../i18n/use-t';
import { readUsageSubject } from '../lib/usage-path';
import { useSession } from '../session/session-context';
import { UsageSection } from './usage-section';

/**
 * One API key's usage (from one's own; GET /api/user/self/usage?tokenId=) or, for admins,
 * one user's (GET /api/usage?userId=): the Overview's charts, narrowed.
 */
export function UsagePage() {
  const t = useT();
  const { isAdmin } = useSession();
  const [params] = useSearchParams();
  const { name, tokenId, userId: asked } = readUsageSubject(params);
  const userId = isAdmin ? asked : undefined;
  const filter: UsageFilter | null =
    tokenId !== undefined ? { tokenId } : userId !== undefined ? { userId } : null;
  const back = tokenId !== undefined ? '/tokens' : '/users';
  const title = tokenId !== undefined ? t('usage.ofToken', { name }) : t('usage.ofUser', { name });

  if (!filter)
    return (
      <>
        <h1>{t('common.usage')}</h1>
        <p className="empty card">{t('usage.subjectMissing')}</p>
      </>
    );
  return (
    <>
      <p>
        <Link to={back}>← {t('usage.back')}</Link>
      </p>
      <UsageSection
        // A new subject starts afresh (range, split, data).
        key={`${tokenId}-${userId}`}
        isAdmin={isAdmin}
        filter={filter}
        title={<h1>{title}</h1>}
      />
    </>
  );
}
