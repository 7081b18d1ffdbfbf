// next-auth module augmentation: the session and its JWT carry the user's id and role (set at sign-in from the database).
import type { UserRole } from '@/lib/auth/types';

declare module 'next-auth' {
  interface User {
    id: string;
    email: string;
    name: string;
    role: UserRole;
  }

  interface Session {
    user?: { id: string; email: string; name: string; role: UserRole };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    id?: string;
    role?: UserRole;
  }
}
