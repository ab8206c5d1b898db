/** The Usage page's path for one API key or one user, as the Tokens and Users pages link it. */
export function usagePath(subject: { tokenId: number } | { userId: number }, name: string): string {
  const query = new URLSearchParams(
    'tokenId' in subject
      ? { tokenId: String(subject.tokenId), name }
      : { userId: String(subject.userId), name },
  );
  return `/usage?${query}`;
}

const readId = (value: string | null) => {
  const id = Number(value);
  return value !== null && Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/** The subject back from the query string; an id that is not a positive integer is dropped. */
export function readUsageSubject(params: URLSearchParams): {
  name: string;
  tokenId: number | undefined;
  userId: number | undefined;
} {
  return {
    name: params.get('name') ?? '',
    tokenId: readId(params.get('tokenId')),
    userId: readId(params.get('userId')),
  };
}
