'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);

  async function onClick() {
    setPending(true);
    // redirect: false keeps us on this host (next-auth would use NEXTAUTH_URL's); then re-render as a guest.
    try {
      // Loaded on click: the button sits in the header of every page, next-auth's client is needed by none of them until then.
      const { signOut } = await import('next-auth/react');
      await signOut({ redirect: false });
      router.replace('/');
    } catch {
      // The session cookie is still there; the refresh below shows the user is still signed in.
    } finally {
      router.refresh();
      // The account's cart must not linger in the client cache after sign-out.
      void queryClient.resetQueries();
      setPending(false);
    }
  }

  return (
    <button type="button" onClick={onClick} disabled={pending} className="font-medium text-stone-700 hover:text-brand-700 disabled:opacity-60">
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
