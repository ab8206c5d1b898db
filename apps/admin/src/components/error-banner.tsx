import { ApiError } from '../api/api-error';

/** A failure in words; the status is added for errors the server answered with. */
export function ErrorBanner({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status > 0 ? ` (${error.status})` : '';
  return (
    <div className="banner banner-error" role="alert">
      {message}
      {status}
    </div>
  );
}
