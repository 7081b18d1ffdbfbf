'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { solveChallenge } from '@/lib/auth/challenge-proof';
import { challengeFromCode, GENERIC_SIGN_IN_ERROR, signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { FormField, SubmitButton } from '@/components/auth/form-parts';
import { collectMergeNotices } from '@/components/cart/merge-notices';

export function SignInForm({ callbackPath, initialError }: { callbackPath: string; initialError: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const [checking, setChecking] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      // redirect: false keeps us on this host (next-auth would send us to NEXTAUTH_URL's), and lets us show errors inline.
      const attempt = (proof: { challenge: string; solution: string } | null) =>
        signIn('credentials', {
          redirect: false,
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
          ...proof,
          callbackUrl: callbackPath,
        });
      let result = await attempt(null);
      // An account under attack asks every attempt for a proof of work: solve it here (a second or two of hashing in
      // Web Crypto) and send the same attempt again with the solution. Under a heavy attack the solved challenge is
      // answered with a harder one once, so there are at most two rounds.
      for (let round = 0; round < 2; round += 1) {
        const challenge = challengeFromCode(result?.error);
        if (!challenge) break;
        setChecking(true);
        const solution = await solveChallenge(challenge).finally(() => setChecking(false));
        if (!solution) break;
        result = await attempt({ challenge, solution });
      }
      if (!result?.ok || result.error) {
        setError(signInErrorMessage(result?.error ?? 'unknown'));
        setPending(false);
        return;
      }
      // What the merge changed (a quantity trimmed to stock, a line dropped) is told once, on the page we land on.
      await collectMergeNotices();
      // callbackPath was sanitised on the server; refresh so the header and cart re-render as the signed-in user,
      // and drop client caches (the cart badge held the guest cart, which has just been merged).
      router.replace(callbackPath);
      router.refresh();
      void queryClient.resetQueries();
    } catch {
      setError(signInErrorMessage('SignInUnavailable'));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
      {error ? (
        <p id="sign-in-error" role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {error === GENERIC_SIGN_IN_ERROR ? (
        // An unverified account is refused with the same words as a wrong password (otherwise registering and then signing
        // in would tell a stranger whether an address already had an account), so say what else it might be.
        <p className="text-sm text-stone-600">
          Just created your account? Confirm your email address first with the link we sent you (signing in with the right password sends a fresh one).{' '}
          <Link href="/reset-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
            Forgotten your password?
          </Link>
        </p>
      ) : null}
      <FormField label="Email" name="email" type="email" autoComplete="email" required />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
      {checking ? (
        <p role="status" className="text-sm text-stone-600">
          This account has seen many failed sign-in attempts, so your browser is doing a short security check…
        </p>
      ) : null}
      <SubmitButton pending={pending} idle="Sign in" busy="Signing in…" />
    </form>
  );
}
