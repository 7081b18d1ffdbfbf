// Who is signed in, as the rest of the app sees it. The role comes from the database at sign-in, never from a form.
export type UserRole = 'customer' | 'admin';

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}
