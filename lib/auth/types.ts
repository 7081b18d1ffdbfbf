// Who is signed in, as the rest of the app sees it. The role comes from the database at sign-in, never from a form.
export type UserRole = 'customer' | 'admin';

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** What a password check learns about the account: who it is, whether it may sign in yet, and its session version. */
export interface CheckedAccount extends AuthenticatedUser {
  /** Unverified accounts cannot sign in (the owner has not shown they read this address yet). */
  emailVerified: boolean;
  /** Goes into the session's JWT; see lib/auth/sessions.ts. */
  sessionVersion: number;
}
