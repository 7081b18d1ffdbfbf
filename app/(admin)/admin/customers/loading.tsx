// The customers list's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminCustomersLoading() {
  return <AdminListLoading label="Loading customers" />;
}
