'use client';
// Any admin page without an error state of its own (the dashboard among them) fails here, inside the admin shell.
import { AdminError } from '@/components/admin/admin-error';

export default function AdminSectionError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminError title="This page could not be loaded" error={error} retry={retry} />;
}
