// GET /forbidden – where proxy.ts sends a signed-in customer who asked for an admin page (answered with HTTP 403)
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';

export const metadata: Metadata = { title: 'Not allowed', robots: { index: false } };

// Per request, like the not-found page (app/not-found.tsx says why).
export default async function ForbiddenPage() {
  await connection();
  return <ForbiddenNotice />;
}
