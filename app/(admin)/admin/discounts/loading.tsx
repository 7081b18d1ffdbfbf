// The discount codes list's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminDiscountsLoading() {
  return <AdminListLoading label="Loading discount codes" />;
}
