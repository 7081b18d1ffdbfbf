'use client';
// The customers list (or one account) failed to load: said inside the admin shell, with a retry.
import { AdminError } from '@/components/admin/admin-error';

export default function AdminCustomersError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminError title="The customers could not be loaded" error={error} retry={retry} />;
}
