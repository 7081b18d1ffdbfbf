// The orders list's frame while it loads: heading, two rows of filters and rows, the same shapes as the page.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminOrdersLoading() {
  return <AdminListLoading label="Loading orders" filters="h-36" />;
}
