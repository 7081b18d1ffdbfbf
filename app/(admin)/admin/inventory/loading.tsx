// The inventory list's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminInventoryLoading() {
  return <AdminListLoading label="Loading inventory" />;
}
