// The payments list's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminPaymentsLoading() {
  return <AdminListLoading description label="Loading payments" />;
}
