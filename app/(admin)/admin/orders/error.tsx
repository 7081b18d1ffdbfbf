'use client';
// The orders list (and an order's page) failed to load: said inside the admin shell, with a retry.
import { AdminError } from '@/components/admin/admin-error';

export default function AdminOrdersError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminError title="The orders could not be loaded" error={error} retry={retry} />;
}
