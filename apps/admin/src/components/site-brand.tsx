import type { SiteStatus } from '../api/types';
import { isLogoShown } from '../lib/site-logo';

/** The site's logo (when the CSP lets it show) and name, as text. */
export function SiteBrand({
  site,
  large = false,
}: {
  site: Pick<SiteStatus, 'systemName' | 'logoUrl'> | null;
  large?: boolean;
}) {
  const logoUrl = site?.logoUrl ?? null;
  return (
    <div className={large ? 'brand brand-large' : 'brand'}>
      {isLogoShown(logoUrl, window.location.origin) && (
        // The name beside it says what the logo shows, so the image itself is decorative.
        <img className="brand-logo" src={logoUrl} alt="" />
      )}
      <span className="brand-name">{site?.systemName ?? 'oneapi'}</span>
    </div>
  );
}
