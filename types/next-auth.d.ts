// next-auth module augmentation: the session and its JWT carry the user's id, role and session version (set at sign-in
// from the database; the doors compare the version with the account's on every request), and the session's own id and
// sign-in time (the doors time admin sessions out with them: lib/auth/admin-session.ts).
import type { UserRole } from '@/lib/auth/types';

declare module 'next-auth' {
  interface User {
    id: string;
    email: string;
    name: string;
    role: UserRole;
    sessionVersion: number;
    sessionId: string;
    signedInAt: number;
  }

  interface Session {
    user?: { id: string; email: string; name: string; role: UserRole; sessionVersion: number; sessionId?: string; signedInAt?: number };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    id?: string;
    role?: UserRole;
    sessionVersion?: number;
    sessionId?: string;
    signedInAt?: number;
  }
}
