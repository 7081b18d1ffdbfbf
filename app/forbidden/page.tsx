// GET /forbidden – where proxy.ts sends a signed-in customer who asked for an admin page (answered with HTTP 403)
import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';

export const metadata: Metadata = { title: 'Not allowed', robots: { index: false } };

export default function ForbiddenPage() {
  return <ForbiddenNotice />;
}
