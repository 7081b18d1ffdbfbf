// The products list's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminProductsLoading() {
  return <AdminListLoading label="Loading products" action thumbnails rows={8} />;
}
