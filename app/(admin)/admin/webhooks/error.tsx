'use client';
// Inside the admin shell, so the navigation stays; never shows the error's message, only the digest the server logged.
// "Try again" (Next's retry) fetches the page again from the server.
import { AdminError } from '@/components/admin/admin-error';

export default function AdminWebhooksError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminError title="The webhook inbox could not be loaded" error={error} retry={retry} />;
}
