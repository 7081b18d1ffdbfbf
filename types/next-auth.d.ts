// next-auth module augmentation: the session and its JWT carry the user's id, role and session version (set at sign-in
// from the database; the doors compare the version with the account's on every request).
import type { UserRole } from '@/lib/auth/types';

declare module 'next-auth' {
  interface User {
    id: string;
    email: string;
    name: string;
    role: UserRole;
    sessionVersion: number;
  }

  interface Session {
    user?: { id: string; email: string; name: string; role: UserRole; sessionVersion: number };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    id?: string;
    role?: UserRole;
    sessionVersion?: number;
  }
}
