'use client';
// The discount codes failed to load: said inside the admin shell, with a retry.
import { AdminError } from '@/components/admin/admin-error';

export default function AdminDiscountsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminError title="The discount codes could not be loaded" error={error} retry={retry} />;
}
