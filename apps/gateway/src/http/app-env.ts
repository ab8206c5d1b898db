import type { Session, Token, User } from '@oneapi/storage';

/** Values middleware puts on the Hono context for the handlers after it. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** The signed-in user, on admin routes that need one. */
    user: User;
    /** Present when the user came with a session cookie rather than an access token. */
    session: Session | undefined;
    /** The API key of a relay request, and its owner. */
    token: Token;
    tokenOwner: User;
  };
};
