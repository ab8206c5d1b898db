/**
 * Whether the dashboard may show a logo URL. The gateway's CSP allows images from its own
 * origin only (`img-src 'self' data:`), so a logo elsewhere would be blocked and reported
 * as a violation: it is left out, and the Settings page says why.
 */
export function isLogoShown(logoUrl: string | null, origin: string): logoUrl is string {
  if (!logoUrl) return false;
  try {
    return new URL(logoUrl, origin).origin === origin;
  } catch {
    return false;
  }
}
